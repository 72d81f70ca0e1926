// Postponements and deadlines survive a restart of the app; a damaged file
// costs at most a reminder, never the app.
package org.upswap.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReminderFileTest {

    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void recordsSurviveReopening() {
        Path file = dir.resolve("state/upswap/reminders.json");
        Reminder postponed = new Reminder("2.0.0", NOW, NOW.plusSeconds(60), "2.0.0",
                NOW.plus(Duration.ofHours(4)), 2);
        ReminderFile.open(file).put("demo", NoticeKind.UPDATE_AVAILABLE, postponed);

        ReminderFile reopened = ReminderFile.open(file);
        assertThat(reopened.get("demo", NoticeKind.UPDATE_AVAILABLE)).isEqualTo(postponed);
        assertThat(reopened.get("demo", NoticeKind.RESTART_NEEDED)).isNull();
    }

    @Test
    void threePostponementsBeforeARestartStillMakeTheNextNoticePersistent() {
        Path file = dir.resolve("reminders.json");
        Reminders before = new Reminders(ReminderFile.open(file));
        for (int i = 0; i < 3; i++) {
            before.due("demo", NoticeKind.UPDATE_AVAILABLE, "2.0.0", false, NOW, Duration.ofHours(4));
            before.shown("demo", NoticeKind.UPDATE_AVAILABLE, "2.0.0", NOW);
            before.postpone("demo", NoticeKind.UPDATE_AVAILABLE, NOW, Duration.ofHours(4));
        }

        Reminders after = new Reminders(ReminderFile.open(file));
        assertThat(after.due("demo", NoticeKind.UPDATE_AVAILABLE, "2.0.0", false, NOW.plus(Duration.ofHours(5)),
                Duration.ofHours(4))).isEqualTo(Reminders.Decision.SHOW_PERSISTENT);
    }

    @Test
    void targetsNoLongerConfiguredAreForgotten() {
        Path file = dir.resolve("reminders.json");
        ReminderFile store = ReminderFile.open(file);
        store.put("demo", NoticeKind.FAILED, Reminder.fresh(null, NOW));
        store.put("gone", NoticeKind.FAILED, Reminder.fresh(null, NOW));
        store.retainTargets(Set.of("demo"));

        ReminderFile reopened = ReminderFile.open(file);
        assertThat(reopened.get("gone", NoticeKind.FAILED)).isNull();
        assertThat(reopened.get("demo", NoticeKind.FAILED)).isNotNull();
    }

    @Test
    void aDamagedFileStartsEmpty() throws Exception {
        Path file = dir.resolve("reminders.json");
        Files.writeString(file, "{\"targets\":{\"demo\":{\"NO_SUCH_KIND\":{}}}");

        ReminderFile store = ReminderFile.open(file);
        assertThat(store.get("demo", NoticeKind.UPDATE_AVAILABLE)).isNull();
        store.put("demo", NoticeKind.FAILED, Reminder.fresh(null, NOW));
        assertThat(Files.readString(file)).contains("\"FAILED\"");
    }

    @Test
    void theDefaultLocationFollowsXdgStateHome() {
        assertThat(ReminderFile.defaultLocation(Map.of("XDG_STATE_HOME", "/home/u/.state")))
                .isEqualTo(Path.of("/home/u/.state/upswap/reminders.json"));
        assertThat(ReminderFile.defaultLocation(Map.of("XDG_STATE_HOME", "relative/ignored")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/state/upswap/reminders.json"));
    }
}
