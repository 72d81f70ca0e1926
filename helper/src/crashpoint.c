/* crashpoint.c — see crashpoint.h. */
#include "crashpoint.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static const char *const names[CP__COUNT] = {
	[CP_JOURNAL_BEGUN] = "journal-begun",
	[CP_TEMP_CREATED] = "temp-created",
	[CP_TEMP_HALF_WRITTEN] = "temp-half-written",
	[CP_TEMP_SYNCED] = "temp-synced",
	[CP_JOURNAL_STAGED] = "journal-staged",
	[CP_BACKUP_LINKED] = "backup-linked",
	[CP_JOURNAL_RENAMING] = "journal-renaming",
	[CP_RENAMED] = "renamed",
	[CP_DIR_SYNCED] = "dir-synced",
	[CP_STATE_WRITTEN] = "state-written",
	[CP_BACKUP_COMMITTED] = "backup-committed",
	[CP_JOURNAL_CLEARED] = "journal-cleared",
};

static int armed = -1;

const char *crashpoint_name(enum crash_point cp)
{
	return cp < CP__COUNT ? names[cp] : "?";
}

bool crashpoint_arm(const char *name)
{
	for (int i = 0; i < CP__COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			armed = i;
			return true;
		}
	return false;
}

void crashpoint(enum crash_point cp)
{
	if ((int)cp != armed)
		return;
	log_warning("test crash point '%s' reached: killing myself", names[cp]);
	kill(getpid(), SIGKILL);
	pause();
}
