/* log.c — see log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int max_level = LOG_INFO;
static bool to_syslog;

void log_use_syslog(void)
{
	openlog("upswap-helper", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	to_syslog = true;
}

/* systemd sets $JOURNAL_STREAM when stderr is connected to the journal. */
static bool stderr_is_journal(void)
{
	return getenv("JOURNAL_STREAM") != NULL;
}

static const char *const level_names[] = {
	[LOG_EMERG] = "emerg", [LOG_ALERT] = "alert", [LOG_CRIT] = "crit",
	[LOG_ERR] = "err", [LOG_WARNING] = "warning", [LOG_NOTICE] = "notice",
	[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
};

void log_set_level(int level) { max_level = level; }
int log_get_level(void) { return max_level; }

int log_level_from_name(const char *name)
{
	for (int i = LOG_ERR; i <= LOG_DEBUG; i++)
		if (strcmp(name, level_names[i]) == 0)
			return i;
	if (strcmp(name, "error") == 0)
		return LOG_ERR;
	return -1;
}

void log_msg(int level, const char *fmt, ...)
{
	if (level > max_level)
		return;
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* One message is one line in the journal: fold embedded newlines. */
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (to_syslog)
		syslog(level, "%s", line);
	else if (stderr_is_journal())
		fprintf(stderr, "<%d>%s\n", level, line);
	else
		fprintf(stderr, "upswap-helper: %s: %s\n", level_names[level], line);
}
