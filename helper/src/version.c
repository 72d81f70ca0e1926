/* version.c — see version.h. */
#include "version.h"

#include <stdbool.h>
#include <string.h>

struct span {
	const char *p;
	size_t n;
};

static bool all_digits(struct span s)
{
	if (s.n == 0)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	return true;
}

static int cmp_numeric(struct span a, struct span b)
{
	while (a.n > 1 && a.p[0] == '0') { a.p++; a.n--; }
	while (b.n > 1 && b.p[0] == '0') { b.p++; b.n--; }
	if (a.n != b.n)
		return a.n < b.n ? -1 : 1;
	int c = memcmp(a.p, b.p, a.n);
	return c < 0 ? -1 : c > 0;
}

static int cmp_field(struct span a, struct span b)
{
	bool na = all_digits(a), nb = all_digits(b);
	if (na && nb)
		return cmp_numeric(a, b);
	if (na != nb)
		return na ? -1 : 1;
	size_t n = a.n < b.n ? a.n : b.n;
	int c = memcmp(a.p, b.p, n);
	if (c)
		return c < 0 ? -1 : 1;
	return a.n == b.n ? 0 : (a.n < b.n ? -1 : 1);
}

/* Takes the next '.'-separated field from *s; an exhausted span yields "0". */
static struct span next_field(struct span *s)
{
	static const char zero[] = "0";
	if (s->n == 0)
		return (struct span){ zero, 1 };
	const char *dot = memchr(s->p, '.', s->n);
	size_t n = dot ? (size_t)(dot - s->p) : s->n;
	struct span f = { s->p, n };
	s->p += dot ? n + 1 : n;
	s->n -= dot ? n + 1 : n;
	return f;
}

static int cmp_dotted(struct span a, struct span b)
{
	while (a.n > 0 || b.n > 0) {
		int c = cmp_field(next_field(&a), next_field(&b));
		if (c)
			return c;
	}
	return 0;
}

static void split(const char *v, struct span *main_part, struct span *pre)
{
	size_t n = strcspn(v, "+");
	size_t m = strcspn(v, "-~");
	if (m < n) {
		*main_part = (struct span){ v, m };
		*pre = (struct span){ v + m + 1, n - m - 1 };
	} else {
		*main_part = (struct span){ v, n };
		*pre = (struct span){ NULL, 0 };
	}
}

int version_compare(const char *a, const char *b)
{
	struct span am, ap, bm, bp;
	split(a, &am, &ap);
	split(b, &bm, &bp);
	int c = cmp_dotted(am, bm);
	if (c)
		return c;
	bool has_a = ap.p != NULL, has_b = bp.p != NULL;
	if (has_a != has_b)
		return has_a ? -1 : 1; /* 1.0-rc1 < 1.0 */
	if (!has_a)
		return 0;
	return cmp_dotted(ap, bp);
}
