/* crashpoint.h — named points inside a swap where a test can make the helper
 * die with SIGKILL, to prove that recovery leaves every binary fully old or
 * fully new. Armed only by UPSWAP_TEST_CRASH_AT in a --root sandbox. */
#ifndef UPSWAP_CRASHPOINT_H
#define UPSWAP_CRASHPOINT_H

#include <stdbool.h>

enum crash_point {
	CP_JOURNAL_BEGUN,
	CP_TEMP_CREATED,
	CP_TEMP_HALF_WRITTEN,
	CP_TEMP_SYNCED,
	CP_JOURNAL_STAGED,
	CP_BACKUP_LINKED,
	CP_JOURNAL_RENAMING,
	CP_RENAMED,
	CP_DIR_SYNCED,
	CP_STATE_WRITTEN,
	CP_BACKUP_COMMITTED,
	CP_JOURNAL_CLEARED,
	CP__COUNT
};

const char *crashpoint_name(enum crash_point cp);
/* Arms the named point; false if there is no such point. */
bool crashpoint_arm(const char *name);
/* Dies here (SIGKILL, no cleanup at all) if this point is armed. */
void crashpoint(enum crash_point cp);

#endif
