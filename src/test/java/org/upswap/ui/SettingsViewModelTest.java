package org.upswap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.app.AppSnapshot;
import org.upswap.app.MeteredPolicy;
import org.upswap.app.PostponeLength;
import org.upswap.app.Settings;
import org.upswap.client.protocol.Permission;

class SettingsViewModelTest {

    @TempDir
    Path dir;

    final Messages messages = Messages.forLocale(Locale.ENGLISH);

    @Test
    void anEditIsStoredOnlyOnSave() throws Exception {
        Settings settings = Settings.load(dir.resolve("settings.properties"));
        SettingsViewModel vm = new SettingsViewModel(settings, messages);
        vm.load(Snapshots.connected(Permission.YES, Snapshots.view(Snapshots.target("demo", "1", null, false))));
        assertThat(vm.notificationsProperty().get()).isTrue();
        assertThat(vm.intervals()).containsExactly("demo: every 6 hours");

        vm.notificationsProperty().set(false);
        vm.meteredProperty().set(MeteredPolicy.DOWNLOAD_ANYWAY);
        vm.postponeProperty().set(PostponeLength.ONE_HOUR);
        assertThat(settings.notificationsEnabled()).as("not before Save").isTrue();

        assertThat(vm.save()).isTrue();
        assertThat(settings.values()).isEqualTo(new Settings.Values(false, MeteredPolicy.DOWNLOAD_ANYWAY,
                PostponeLength.ONE_HOUR));
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void reopeningDropsAnUnsavedEdit() throws Exception {
        Settings settings = Settings.load(dir.resolve("settings.properties"));
        SettingsViewModel vm = new SettingsViewModel(settings, messages);
        AppSnapshot none = new AppSnapshot(true, null, Map.of(), List.of(), false);
        vm.load(none);
        vm.postponeProperty().set(PostponeLength.ONE_DAY);
        vm.load(none);
        assertThat(vm.postponeProperty().get()).isEqualTo(PostponeLength.FOUR_HOURS);
        assertThat(vm.intervals()).containsExactly("No programs are managed yet.");
    }

    @Test
    void aSaveThatCannotBeWrittenSaysWhyAndKeepsTheStoredValues() throws Exception {
        Path blocked = dir.resolve("blocked");
        Settings settings = Settings.load(blocked.resolve("settings.properties"));
        Files.writeString(blocked, ""); // a file where the directory should be
        SettingsViewModel vm = new SettingsViewModel(settings, messages);
        vm.load(new AppSnapshot(true, null, Map.of(), List.of(), false));
        vm.notificationsProperty().set(false);

        assertThat(vm.save()).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("Couldn’t save the settings to " + blocked);
        assertThat(settings.notificationsEnabled()).isTrue();
    }

    @Test
    void everyChoiceHasALabel() {
        SettingsViewModel vm = new SettingsViewModel(null, messages);
        assertThat(vm.label(MeteredPolicy.ASK_FIRST)).isEqualTo("_Ask before downloading updates");
        assertThat(vm.label(PostponeLength.ONE_DAY)).isEqualTo("1 day");
        for (PostponeLength length : PostponeLength.values()) {
            assertThat(vm.label(length)).isNotBlank();
        }
        for (MeteredPolicy policy : MeteredPolicy.values()) {
            assertThat(vm.label(policy)).isNotBlank();
        }
    }
}
