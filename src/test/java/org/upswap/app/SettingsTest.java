package org.upswap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileGivesTheDefaultsAndIsNotCreatedUntilSomethingChanges() throws IOException {
        Path file = dir.resolve("upswap/settings.properties");
        Settings settings = Settings.load(file);
        assertThat(settings.values()).isEqualTo(Settings.Values.DEFAULTS);
        assertThat(settings.notificationsEnabled()).isTrue();
        assertThat(settings.meteredPolicy()).isEqualTo(MeteredPolicy.ASK_FIRST);
        assertThat(settings.postponeLength()).isEqualTo(PostponeLength.FOUR_HOURS);
        assertThat(file).doesNotExist();
    }

    @Test
    void whatIsSetIsWhatTheNextLoadReads() throws IOException {
        Path file = dir.resolve("upswap/settings.properties");
        Settings settings = Settings.load(file);
        settings.setNotificationsEnabled(false);
        settings.setMeteredPolicy(MeteredPolicy.DOWNLOAD_ANYWAY);
        settings.setPostponeLength(PostponeLength.ONE_DAY);

        Settings again = Settings.load(file);
        assertThat(again.values()).isEqualTo(new Settings.Values(false, MeteredPolicy.DOWNLOAD_ANYWAY,
                PostponeLength.ONE_DAY));
        assertThat(again.postponeLength().duration()).hasHours(24);
        assertThat(again.problems()).isEmpty();
        assertThat(Files.readString(file)).contains("notifications=false", "metered=download", "postpone=1d");
    }

    @Test
    void theDirectoryItCreatesIsPrivateAndNoTempFileIsLeft() throws IOException {
        Path file = dir.resolve("config/upswap/settings.properties");
        Settings.load(file).setPostponeLength(PostponeLength.ONE_HOUR);
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.properties");
        }
    }

    @Test
    void aValueNotUnderstoodFallsBackToItsDefaultAndIsReported() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "# edited by hand\nnotifications = yes\nmetered=download\npostpone=2 weeks\n");
        Settings settings = Settings.load(file);
        assertThat(settings.notificationsEnabled()).isTrue();
        assertThat(settings.meteredPolicy()).isEqualTo(MeteredPolicy.DOWNLOAD_ANYWAY);
        assertThat(settings.postponeLength()).isEqualTo(PostponeLength.FOUR_HOURS);
        assertThat(settings.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("notifications").contains("yes"))
                .anySatisfy(p -> assertThat(p).contains("postpone").contains("2 weeks").contains("4h"));
    }

    @Test
    void listenersHearEachStoredChangeOnceAndNotARepeat() throws IOException {
        Settings settings = Settings.load(dir.resolve("settings.properties"));
        List<Settings.Values> heard = new ArrayList<>();
        settings.addListener(heard::add);
        settings.setNotificationsEnabled(false);
        settings.setNotificationsEnabled(false);
        settings.setPostponeLength(PostponeLength.ONE_HOUR);
        assertThat(heard).extracting(Settings.Values::notificationsEnabled).containsExactly(false, false);
        assertThat(heard.get(1).postponeLength()).isEqualTo(PostponeLength.ONE_HOUR);

        Settings.Listener removed = heard::add;
        settings.addListener(removed);
        settings.removeListener(removed);
        settings.setPostponeLength(PostponeLength.ONE_DAY);
        assertThat(heard).hasSize(3);
    }

    @Test
    void aFailedWriteKeepsTheOldValuesAndTellsNobody() throws IOException {
        Path blocked = dir.resolve("blocked");
        Settings settings = Settings.load(blocked.resolve("settings.properties"));
        List<Settings.Values> heard = new ArrayList<>();
        settings.addListener(heard::add);
        // A regular file where the directory should be: nobody, root included, can write below it.
        Files.writeString(blocked, "");

        assertThatThrownBy(() -> settings.setNotificationsEnabled(false)).isInstanceOf(IOException.class);
        assertThat(settings.notificationsEnabled()).isTrue();
        assertThat(heard).isEmpty();
    }

    @Test
    void theDefaultFileFollowsXdgConfigHomeAndIgnoresARelativeOne() {
        assertThat(Settings.defaultFile(Map.of("XDG_CONFIG_HOME", "/home/ann/.cfg"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.cfg/upswap/settings.properties"));
        assertThat(Settings.defaultFile(Map.of(), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.config/upswap/settings.properties"));
        assertThat(Settings.defaultFile(Map.of("XDG_CONFIG_HOME", "cfg"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.config/upswap/settings.properties"));
    }
}
