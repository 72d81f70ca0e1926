// The tray menu's entries per snapshot: what is offered, what can be used
// now, and what will ask for a password.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.tray.TraySnapshots.connected;
import static org.upswap.tray.TraySnapshots.disconnected;
import static org.upswap.tray.TraySnapshots.offering;
import static org.upswap.tray.TraySnapshots.paused;
import static org.upswap.tray.TraySnapshots.upToDate;
import static org.upswap.tray.TraySnapshots.withPermissions;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.upswap.client.protocol.Permission;

class TrayMenuTest {

    private static Locale locale;

    @BeforeAll
    static void englishTexts() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(locale);
    }

    @Test
    void everyCommandHasItsOwnEntryInMenuOrder() {
        List<MenuEntry> menu = TrayMenu.of(connected(upToDate("demo")));

        assertThat(menu).extracting(MenuEntry::command).containsExactly(MenuCommand.CHECK_NOW,
                MenuCommand.SHOW_UPDATES, MenuCommand.UPDATE_ALL, MenuCommand.PAUSE, MenuCommand.RESUME,
                MenuCommand.SETTINGS, null, MenuCommand.QUIT);
        assertThat(menu).extracting(MenuEntry::id).doesNotHaveDuplicates().doesNotContain(0);
    }

    @Test
    void updateAllCountsTheUpdatesAndIsUsableOnlyWithSome() {
        MenuEntry none = entry(TrayMenu.of(connected(upToDate("demo"))), MenuCommand.UPDATE_ALL);
        MenuEntry two = entry(TrayMenu.of(connected(offering("a", "2"), offering("b", "3"))), MenuCommand.UPDATE_ALL);

        assertThat(none.label()).isEqualTo("Update _all");
        assertThat(none.enabled()).isFalse();
        assertThat(two.label()).isEqualTo("Update _all (2)");
        assertThat(two.enabled()).isTrue();
    }

    @Test
    void whatNeedsTheHelperIsDisabledWhileItIsAway() {
        List<MenuEntry> menu = TrayMenu.of(disconnected("gone", offering("demo", "2.0.0")));

        assertThat(entry(menu, MenuCommand.CHECK_NOW).enabled()).isFalse();
        assertThat(entry(menu, MenuCommand.UPDATE_ALL).enabled()).isFalse();
        assertThat(entry(menu, MenuCommand.SHOW_UPDATES).enabled()).isTrue();
        assertThat(entry(menu, MenuCommand.QUIT).enabled()).isTrue();
    }

    @Test
    void actionsThatAskForAPasswordCarryTheShieldAndForbiddenOnesAreDisabled() {
        List<MenuEntry> menu = TrayMenu.of(withPermissions(Permission.YES, Permission.AUTH, offering("demo", "2")));
        List<MenuEntry> denied = TrayMenu.of(withPermissions(Permission.NO, Permission.NO, offering("demo", "2")));

        assertThat(entry(menu, MenuCommand.UPDATE_ALL).needsAuthentication()).isTrue();
        assertThat(entry(menu, MenuCommand.UPDATE_ALL).enabled()).isTrue();
        assertThat(entry(menu, MenuCommand.CHECK_NOW).needsAuthentication()).isFalse();
        assertThat(entry(denied, MenuCommand.UPDATE_ALL).enabled()).isFalse();
        assertThat(entry(denied, MenuCommand.CHECK_NOW).enabled()).isFalse();
    }

    @Test
    void pauseAndResumeAreShownOneAtATime() {
        List<MenuEntry> running = TrayMenu.of(connected(upToDate("demo")));
        List<MenuEntry> stopped = TrayMenu.of(paused(upToDate("demo")));

        assertThat(entry(running, MenuCommand.PAUSE).visible()).isTrue();
        assertThat(entry(running, MenuCommand.RESUME).visible()).isFalse();
        assertThat(entry(stopped, MenuCommand.PAUSE).visible()).isFalse();
        assertThat(entry(stopped, MenuCommand.RESUME).visible()).isTrue();
        assertThat(entry(stopped, MenuCommand.RESUME).label()).isEqualTo("_Resume updates");
    }

    private static MenuEntry entry(List<MenuEntry> menu, MenuCommand command) {
        return menu.stream().filter(e -> e.command() == command).findFirst().orElseThrow();
    }
}
