/* authz.c — see authz.h. */
#include "authz.h"

bool authz_is_admin(const struct authz *a, const struct peer *p)
{
	return p->uid == 0 || p->uid == a->helper_uid;
}

enum verdict authz_query(const struct authz *a, const struct peer *p, enum action act)
{
	if (act == ACT_CHECK)
		return VERDICT_YES;
	return authz_is_admin(a, p) ? VERDICT_YES : VERDICT_NO;
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_YES:
		return "yes";
	case VERDICT_AUTH:
		return "auth";
	case VERDICT_NO:
		return "no";
	}
	return "no";
}
