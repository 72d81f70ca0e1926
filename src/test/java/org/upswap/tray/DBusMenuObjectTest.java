// The exported menu's dbusmenu semantics, called directly (the wire is the
// StatusNotifierTrayTest's): layouts and property queries, which clicks run
// a command, and what a change announces.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.upswap.tray.TraySnapshots.connected;
import static org.upswap.tray.TraySnapshots.offering;
import static org.upswap.tray.TraySnapshots.upToDate;
import static org.upswap.tray.TraySnapshots.withPermissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.upswap.client.protocol.Permission;
import org.upswap.tray.dbus.DBusMenu;
import org.upswap.tray.dbus.LayoutReply;
import org.upswap.tray.dbus.MenuEvent;
import org.upswap.tray.dbus.MenuItemProperties;
import org.upswap.tray.dbus.MenuLayout;

class DBusMenuObjectTest {

    private static final TrayIcons ICONS = TrayIcons.load();
    private static Locale locale;

    private final List<DBusSignal> signals = new ArrayList<>();
    private final List<MenuCommand> commands = new ArrayList<>();
    private final DBusMenuObject menu = new DBusMenuObject(ICONS, TrayOptions.defaults(),
            TrayMenu.of(connected(upToDate("demo"))), signals::add, commands::add);

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
    void aClickRunsTheEntrysCommandButHoversAndDisabledEntriesDoNot() {
        menu.Event(TrayMenu.CHECK_NOW, "clicked", new Variant<>(""), new UInt32(0));
        menu.Event(TrayMenu.SETTINGS, "hovered", new Variant<>(""), new UInt32(0));
        menu.Event(TrayMenu.UPDATE_ALL, "clicked", new Variant<>(""), new UInt32(0));
        menu.Event(TrayMenu.RESUME, "clicked", new Variant<>(""), new UInt32(0));
        menu.Event(TrayMenu.SEPARATOR, "clicked", new Variant<>(0), new UInt32(0));

        assertThat(commands).containsExactly(MenuCommand.CHECK_NOW);
    }

    @Test
    void eventGroupRunsTheClicksAndReportsUnknownItems() {
        List<Integer> unknown = menu.EventGroup(List.of(
                new MenuEvent(TrayMenu.QUIT, "clicked", new Variant<>(""), new UInt32(0)),
                new MenuEvent(42, "clicked", new Variant<>(""), new UInt32(0))));

        assertThat(unknown).containsExactly(42);
        assertThat(commands).containsExactly(MenuCommand.QUIT);
    }

    @Test
    void aLayoutWithoutRecursionHasNoChildrenAndPropertiesCanBeNarrowed() {
        LayoutReply<UInt32, MenuLayout> flat = menu.GetLayout(0, 0, List.of());
        LayoutReply<UInt32, MenuLayout> labels = menu.GetLayout(0, 1, List.of("label"));
        LayoutReply<UInt32, MenuLayout> one = menu.GetLayout(TrayMenu.QUIT, -1, List.of());

        assertThat(flat.layout.children).isEmpty();
        MenuLayout first = (MenuLayout) labels.layout.children.get(0).getValue();
        assertThat(first.properties).containsOnlyKeys("label");
        assertThat(one.layout.id).isEqualTo(TrayMenu.QUIT);
        assertThat(one.layout.properties.get("label").getValue()).isEqualTo("_Quit");
        assertThatThrownBy(() -> menu.GetLayout(42, -1, List.of())).isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void groupPropertiesCoverEveryItemOrTheOnesAskedFor() {
        List<MenuItemProperties> all = menu.GetGroupProperties(List.of(), List.of());
        List<MenuItemProperties> some = menu.GetGroupProperties(List.of(TrayMenu.PAUSE, 42), List.of("visible"));

        assertThat(all).extracting(p -> p.id).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(some).hasSize(1);
        assertThat(some.get(0).properties.get("visible").getValue()).isEqualTo(true);
        assertThat(menu.GetProperty(TrayMenu.SEPARATOR, "type").getValue()).isEqualTo("separator");
        assertThatThrownBy(() -> menu.GetProperty(TrayMenu.QUIT, "icon-name"))
                .isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void theMenuIsAlwaysCurrentBeforeItOpens() {
        assertThat(menu.AboutToShow(0)).isFalse();
        assertThat(menu.AboutToShowGroup(List.of(0, 42)).idErrors).containsExactly(42);
        assertThatThrownBy(() -> menu.AboutToShow(42)).isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void showingTheSameMenuAgainAnnouncesNothing() {
        menu.show(TrayMenu.of(connected(upToDate("other"))));

        assertThat(signals).isEmpty();
        assertThat(menu.GetLayout(0, -1, List.of()).revision).isEqualTo(new UInt32(1));
    }

    @Test
    void aChangeAnnouncesTheChangedItemsThenANewRevision() {
        menu.show(TrayMenu.of(withPermissions(Permission.YES, Permission.AUTH, offering("demo", "2.0.0"))));

        assertThat(signals).hasSize(2);
        DBusMenu.ItemsPropertiesUpdated items = (DBusMenu.ItemsPropertiesUpdated) signals.get(0);
        assertThat(items.updated).extracting(p -> p.id).containsExactly(TrayMenu.UPDATE_ALL);
        assertThat(items.updated.get(0).properties).containsKeys("label", "enabled", "icon-data");
        assertThat(items.removed).isEmpty();
        DBusMenu.LayoutUpdated layout = (DBusMenu.LayoutUpdated) signals.get(1);
        assertThat(layout.revision).isEqualTo(new UInt32(2));
        assertThat(layout.parent).isZero();
        assertThat(menu.GetLayout(0, -1, List.of()).revision).isEqualTo(new UInt32(2));
    }

    @Test
    void aPropertyThatGoesAwayIsReportedRemoved() {
        menu.show(TrayMenu.of(withPermissions(Permission.YES, Permission.AUTH, offering("demo", "2.0.0"))));
        signals.clear();

        menu.show(TrayMenu.of(connected(offering("demo", "2.0.0"))));

        DBusMenu.ItemsPropertiesUpdated items = (DBusMenu.ItemsPropertiesUpdated) signals.get(0);
        assertThat(items.removed).hasSize(1);
        assertThat(items.removed.get(0).id).isEqualTo(TrayMenu.UPDATE_ALL);
        assertThat(items.removed.get(0).names).containsExactly("icon-data");
    }

    @Test
    void theShieldIsSentAsPngData() {
        menu.show(TrayMenu.of(withPermissions(Permission.YES, Permission.AUTH, offering("demo", "2.0.0"))));

        byte[] png = (byte[]) menu.GetProperty(TrayMenu.UPDATE_ALL, "icon-data").getValue();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
}
