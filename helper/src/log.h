/* log.h — the helper's one way to say things: to stderr, with syslog
 * priority prefixes ("<3>…") that journald turns into priorities when the
 * helper runs under systemd, as plain "level: message" elsewhere, or to
 * syslog once detached. */
#ifndef UPSWAP_LOG_H
#define UPSWAP_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Where messages go: stderr (the default; "<N>message" when stderr is the
 * journal, "upswap-helper: level: message" otherwise) or syslog (after the
 * helper detached from its terminal). */
void log_use_syslog(void);

/* LOG_ERR … LOG_DEBUG from <syslog.h>. */
void log_set_level(int level);
int log_get_level(void);
/* Parses "err", "warning", "notice", "info", "debug"; -1 if unknown. */
int log_level_from_name(const char *name);

void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...)   log_msg(LOG_ERR, __VA_ARGS__)
#define log_warning(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define log_notice(...)  log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_info(...)    log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)   log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
