// The exported item, called directly: its properties per look and options,
// and which New* signals a change sends (hosts re-read exactly those).
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.upswap.tray.TraySnapshots.connected;
import static org.upswap.tray.TraySnapshots.failed;
import static org.upswap.tray.TraySnapshots.offering;
import static org.upswap.tray.TraySnapshots.upToDate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.upswap.tray.dbus.IconPixmap;
import org.upswap.tray.dbus.StatusNotifierItem;
import org.upswap.tray.dbus.ToolTip;

class StatusNotifierItemObjectTest {

    private static final TrayIcons ICONS = TrayIcons.load();
    private static final String ITEM = StatusNotifierItem.INTERFACE;

    private final List<DBusSignal> signals = new ArrayList<>();
    private final List<MenuCommand> commands = new ArrayList<>();

    @Test
    void aNewStateSendsNewIconAttentionIconToolTipAndStatus() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(), TrayLook.of(connected(upToDate("demo"))));

        item.show(TrayLook.of(connected(failed("demo", "broken"))));

        assertThat(signals).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("NewIcon", "NewAttentionIcon", "NewToolTip", "NewStatus");
        assertThat(((StatusNotifierItem.NewStatus) signals.get(3)).status).isEqualTo("NeedsAttention");
        assertThat(value(item, "IconName")).isEqualTo("upswap-error");
    }

    @Test
    void aNewSummaryAloneSendsOnlyNewToolTip() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(), TrayLook.of(connected(offering("a", "2"))));

        item.show(TrayLook.of(connected(offering("b", "3"))));

        assertThat(signals).extracting(s -> s.getClass().getSimpleName()).containsExactly("NewToolTip");
    }

    @Test
    void theSameLookSendsNothing() {
        TrayLook look = TrayLook.of(connected(offering("a", "2")));
        StatusNotifierItemObject item = item(TrayOptions.defaults(), look);

        item.show(TrayLook.of(connected(offering("a", "2"))));

        assertThat(signals).isEmpty();
    }

    @Test
    void symbolicIconsAndAThemePathAreOfferedWhenAskedFor() {
        StatusNotifierItemObject item = item(TrayOptions.defaults().withSymbolicIcons(true)
                .withIconThemePath(Path.of("/opt/upswap/icons")), TrayLook.of(connected(upToDate("demo"))));

        assertThat(value(item, "IconName")).isEqualTo("upswap-up-to-date-symbolic");
        assertThat(value(item, "IconThemePath")).isEqualTo("/opt/upswap/icons");
    }

    @Test
    void itIsNotAMenuAndPointsToItsMenu() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(), TrayLook.of(connected()));

        assertThat(value(item, "ItemIsMenu")).isEqualTo(false);
        assertThat(((DBusPath) value(item, "Menu")).getPath()).isEqualTo("/MenuBar");
        assertThat(item.GetAll("")).containsKeys("Category", "Id", "Title", "Status", "IconName", "IconPixmap",
                "AttentionIconName", "ToolTip", "ItemIsMenu", "Menu");
    }

    @Test
    void pixmapsComeInEveryBundledSize() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(), TrayLook.of(connected()));

        List<?> pixmaps = (List<?>) value(item, "IconPixmap");
        assertThat(pixmaps).extracting(p -> ((IconPixmap) p).width).containsExactlyElementsOf(TrayIcons.SIZES);
    }

    @Test
    void theToolTipDescriptionIsEscapedForHostsThatReadMarkup() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(),
                TrayLook.of(connected(failed("demo", "expected <sha256> & got another"))));

        ToolTip toolTip = (ToolTip) value(item, "ToolTip");
        assertThat(toolTip.description).isEqualTo("demo: expected &lt;sha256&gt; &amp; got another");
        assertThat(toolTip.title).isEqualTo("upswap");
    }

    @Test
    void propertiesOfOtherInterfacesAndWritesAreRefused() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(), TrayLook.of(connected()));

        assertThatThrownBy(() -> item.GetAll("org.example.Other")).isInstanceOf(DBusExecutionException.class);
        assertThatThrownBy(() -> item.Set(ITEM, "Status", "Active")).isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void clicksBecomeCommands() {
        StatusNotifierItemObject item = item(TrayOptions.defaults(), TrayLook.of(connected()));

        item.Activate(1, 2);
        item.SecondaryActivate(1, 2);
        item.ContextMenu(1, 2);
        item.Scroll(120, "vertical");

        assertThat(commands).containsExactly(MenuCommand.SHOW_UPDATES, MenuCommand.CHECK_NOW,
                MenuCommand.SHOW_UPDATES);
    }

    /** A property as the host gets it, unwrapped from its variant. */
    private static Object value(StatusNotifierItemObject item, String name) {
        return item.<Variant<?>>Get(ITEM, name).getValue();
    }

    private StatusNotifierItemObject item(TrayOptions options, TrayLook initial) {
        return new StatusNotifierItemObject(ICONS, options, initial, signals::add, commands::add);
    }
}
