/* feed_accept.c — see feed_accept.h. */
#include "feed_accept.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "minisign.h"
#include "util.h"

/* Configured keys first; then announced keys, each only if the key that
 * announced it is already trusted (so removing a key from the configuration
 * also withdraws what it vouched for). */
static size_t trusted_keys(const struct target *t, struct minisign_key *keys)
{
	size_t n = 0;
	for (size_t i = 0; i < t->cfg.n_keys; i++)
		keys[n++] = t->cfg.keys[i];
	bool used[MAX_ANNOUNCED_KEYS] = { false };
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t i = 0; i < t->rec.n_announced; i++) {
			if (used[i])
				continue;
			struct minisign_key k;
			if (!minisign_parse_key(t->rec.announced[i].key, &k))
				continue;
			for (size_t j = 0; j < n; j++) {
				char id[17];
				minisign_key_id_hex(keys[j].id, id);
				if (strcmp(id, t->rec.announced[i].by) == 0) {
					keys[n++] = k;
					used[i] = grew = true;
					break;
				}
			}
		}
	}
	return n;
}

bool feed_accept(struct target *t, int state_dirfd, const char *machine_id, const struct trust *trust,
		 const char *data, size_t len, const char *sig, size_t sig_len, enum feed_origin origin,
		 const char *etag, const char *last_modified, enum err_code *code, char *why, size_t why_len)
{
	const char *where = source_describe(t->source);
	*code = E_SOURCE_ERROR;
	struct minisign_key keys[MAX_KEYS + MAX_ANNOUNCED_KEYS] = { 0 };
	size_t n_keys = trusted_keys(t, keys);
	char comment[MINISIGN_MAX_COMMENT + 1] = "";
	size_t signer = 0;
	if (n_keys > 0) {
		if (!sig) {
			snprintf(why, why_len, "feed %s rejected: it has no signature (%s.minisig is missing)", where, where);
			return false;
		}
		char swhy[256];
		enum minisign_result r = minisign_verify(keys, n_keys, data, len, sig, sig_len, comment,
							 sizeof(comment), &signer, swhy, sizeof(swhy));
		if (r != MINISIGN_OK) {
			snprintf(why, why_len, "feed %s rejected: signature check failed: %s", where, swhy);
			return false;
		}
	}

	struct feed feed;
	char perr[384];
	if (!feed_parse(data, len, t->cfg.product, &feed, perr, sizeof(perr))) {
		snprintf(why, why_len, "feed %s rejected: %s", where, perr);
		return false;
	}
	if (t->rec.last_serial >= 0 && feed.serial < t->rec.last_serial) {
		snprintf(why, why_len, "feed %s rejected: serial %lld is lower than the last accepted %lld "
			 "(an old feed is being replayed)", where, (long long)feed.serial, (long long)t->rec.last_serial);
		feed_free(&feed);
		return false;
	}
	if (feed.expires && feed.expires < now_wall()) {
		snprintf(why, why_len, "feed %s rejected: it expired %lld seconds ago (a stale feed is being served)",
			 where, (long long)(now_wall() - feed.expires));
		feed_free(&feed);
		return false;
	}

	if (origin == FEED_FETCHED) {
		if (n_keys > 0)
			log_info("%s: feed serial %lld signed by a trusted key (trusted comment: %s)", t->cfg.name,
				 (long long)feed.serial, comment);
		char by[17] = "", shown[17] = "";
		if (n_keys > 0) {
			minisign_key_id_hex(keys[signer].id, by);
			minisign_key_id_text(keys[signer].id, shown);
		}
		for (size_t i = 0; i < feed.n_next_keys && n_keys > 0; i++)
			if (state_announce_key(&t->rec, feed.next_keys[i], by))
				log_notice("%s: the feed, signed by key %s, announces a new signing key; trusting it while "
					   "%s is trusted", t->cfg.name, shown, shown);
		int r = state_save_feed(state_dirfd, t->cfg.name, data, len, sig, sig_len);
		if (r < 0)
			log_warning("cannot keep a copy of the feed of %s: %s", t->cfg.name, strerror(-r));
		strlcpy_ok(t->rec.feed_etag, etag ? etag : "", sizeof(t->rec.feed_etag));
		strlcpy_ok(t->rec.feed_last_modified, last_modified ? last_modified : "",
			   sizeof(t->rec.feed_last_modified));
		t->rec.last_serial = feed.serial;
		t->rec.last_check = now_wall();
	}
	if (t->has_feed)
		feed_free(&t->feed);
	t->feed = feed;
	t->has_feed = true;
	int r = state_save(state_dirfd, t->cfg.name, &t->rec);
	if (r < 0)
		log_warning("cannot save the state of %s: %s", t->cfg.name, strerror(-r));
	target_refresh_installed(t, trust);
	target_update_available(t, machine_id);
	return true;
}
