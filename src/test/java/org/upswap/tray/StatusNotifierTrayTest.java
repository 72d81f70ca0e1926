// The tray as a StatusNotifierItem, end to end over a private session bus:
// the test is the panel (watcher and host), a real UpdatesModel talks to a
// scripted helper over a real socket, and everything is read and clicked
// through the D-Bus calls a real host makes.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.upswap.tray.HelperJson.progressEvent;
import static org.upswap.tray.HelperJson.stateEvent;
import static org.upswap.tray.HelperJson.target;
import static org.upswap.tray.HelperJson.targets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.PrivateSessionBus;
import org.upswap.app.UpdatesModel;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperConnection;
import org.upswap.testing.ScriptedHelper;
import org.upswap.tray.dbus.DBusMenu;
import org.upswap.tray.dbus.LayoutReply;
import org.upswap.tray.dbus.MenuLayout;
import org.upswap.tray.dbus.StatusNotifierItem;

@Timeout(30)
class StatusNotifierTrayTest {

    private static final String ITEM = StatusNotifierItem.INTERFACE;
    private static final String DEMO = target("demo", "1.0.0", "2.0.0", null);
    private static final String TOOL = target("tool", "3.0", "3.1", null);
    private static Locale locale;

    @TempDir
    Path dir;

    private PrivateSessionBus bus;
    private ScriptedHelper helper;
    private ExecutorService modelThread;
    private UpdatesModel model;
    private FakeStatusNotifierHost host;
    private final RecordingActions actions = new RecordingActions();
    private Tray tray;
    private String item;

    @BeforeAll
    static void englishTexts() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(locale);
    }

    @BeforeEach
    void start() throws Exception {
        bus = PrivateSessionBus.start(dir);
        helper = ScriptedHelper.start(dir.resolve("helper.sock"))
                .reply("list-targets", targets(DEMO, TOOL))
                .reply("check", "{\"started\":true,\"targets\":[\"demo\",\"tool\"]}");
        modelThread = Executors.newSingleThreadExecutor();
        model = new UpdatesModel(new HelperConnection(helper.socket(), ClientOptions.defaults()), modelThread);
        model.start();
        await("the model has both targets", () -> model.snapshot().targets().size() == 2);
        host = FakeStatusNotifierHost.start(bus.address(), true);
        tray = Tray.start(model, actions, TrayOptions.defaults().withBusAddress(bus.address()));
        item = host.awaitRegistration();
    }

    @AfterEach
    void stop() throws Exception {
        tray.close();
        host.close();
        model.close();
        modelThread.shutdownNow();
        helper.close();
        bus.close();
    }

    @Test
    void registersWithTheWatcherUnderItsOwnBusName() {
        assertThat(tray.kind()).isEqualTo(TrayKind.STATUS_NOTIFIER);
        assertThat(item).matches("org\\.kde\\.StatusNotifierItem-" + ProcessHandle.current().pid() + "-\\d+");
    }

    @Test
    void itsPropertiesDescribeTheSnapshot() throws Exception {
        Map<String, Object> p = MenuItems.plain(host.itemProperties(item).GetAll(ITEM));
        p.keySet().removeIf(name -> name.endsWith("Pixmap"));

        assertThat(p).containsEntry("Category", "ApplicationStatus")
                .containsEntry("Id", "upswap")
                .containsEntry("Title", "upswap")
                .containsEntry("Status", "Active")
                .containsEntry("IconName", "upswap-update-available")
                .containsEntry("AttentionIconName", "upswap-update-available")
                .containsEntry("ItemIsMenu", false);
        assertThat(((DBusPath) p.get("Menu")).getPath()).isEqualTo(DBusMenu.OBJECT_PATH);
        Object[] toolTip = (Object[]) p.get("ToolTip");
        assertThat(toolTip[0]).isEqualTo("upswap-update-available");
        assertThat(toolTip[2]).isEqualTo("upswap");
        assertThat(toolTip[3]).isEqualTo("2 updates available");
    }

    @Test
    void theIconTravelsAsArgbPixmapsInEveryPanelSize() throws Exception {
        List<?> pixmaps = (List<?>) host.itemProperties(item).Get(ITEM, "IconPixmap");

        assertThat(pixmaps).hasSize(TrayIcons.SIZES.size());
        for (int i = 0; i < pixmaps.size(); i++) {
            Object[] pixmap = (Object[]) pixmaps.get(i);
            int size = TrayIcons.SIZES.get(i);
            assertThat(pixmap[0]).isEqualTo(size);
            assertThat(pixmap[1]).isEqualTo(size);
            assertThat((List<?>) pixmap[2]).hasSize(4 * size * size);
        }
    }

    @Test
    void anUnknownPropertyIsAnErrorNotAnEmptyValue() throws Exception {
        Properties properties = host.itemProperties(item);

        assertThatThrownBy(() -> properties.Get(ITEM, "NoSuchProperty")).isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void theMenuOffersEveryEntryWithMnemonicsAndWhetherItCanBeUsed() throws Exception {
        LayoutReply<UInt32, MenuLayout> reply = host.menu(item).GetLayout(0, -1, List.of());
        MenuItems menu = MenuItems.of(reply.layout);

        assertThat(reply.layout.id).isZero();
        assertThat(MenuItems.plain(reply.layout.properties)).containsEntry("children-display", "submenu");
        assertThat(menu.visibleLabels()).containsExactly("_Check now", "_Show updates…", "Update _all (2)",
                "_Pause updates", "S_ettings…", "---", "_Quit");
        assertThat(menu.item(TrayMenu.UPDATE_ALL).get("enabled")).isEqualTo(true);
        assertThat(menu.item(TrayMenu.RESUME).get("visible")).isEqualTo(false);
        assertThat(menu.item(TrayMenu.CHECK_NOW).properties()).doesNotContainKey("icon-data");
    }

    @Test
    void theMenuHasTheDbusmenuProperties() throws Exception {
        Map<String, Object> p = MenuItems.plain(host.menuProperties(item).GetAll(DBusMenu.INTERFACE));

        assertThat(p).containsEntry("Version", new UInt32(3))
                .containsEntry("TextDirection", "ltr")
                .containsEntry("Status", "normal")
                .containsKey("IconThemePath");
    }

    @Test
    void checkNowReachesTheHelper() throws Exception {
        click(TrayMenu.CHECK_NOW);

        assertThat(helper.awaitRequest("check").has("target")).isFalse();
    }

    @Test
    void pauseAndResumeToggleTheModelAndTheMenu() throws Exception {
        host.clearSignals();
        click(TrayMenu.PAUSE);

        await("the model is paused", () -> model.snapshot().paused());
        host.awaitSignal(StatusNotifierItem.NewIcon.class);
        host.awaitSignal(StatusNotifierItem.NewToolTip.class);
        DBusMenu.LayoutUpdated updated = host.awaitSignal(DBusMenu.LayoutUpdated.class);
        LayoutReply<UInt32, MenuLayout> reply = host.menu(item).GetLayout(0, -1, List.of());
        assertThat(reply.revision).isEqualTo(updated.revision);
        assertThat(MenuItems.of(reply.layout).visibleLabels()).contains("_Resume updates")
                .doesNotContain("_Pause updates");
        assertThat(host.itemProperties(item).<String>Get(ITEM, "IconName")).isEqualTo("upswap-paused");

        click(TrayMenu.RESUME);
        await("the model is running again", () -> !model.snapshot().paused());
    }

    @Test
    void aPropertyChangeOfAnEntryIsAnnouncedItemByItem() throws Exception {
        host.clearSignals();
        click(TrayMenu.PAUSE);

        DBusMenu.ItemsPropertiesUpdated changed = host.awaitSignal(DBusMenu.ItemsPropertiesUpdated.class);
        assertThat(changed.updated).extracting(p -> p.id).containsExactly(TrayMenu.PAUSE, TrayMenu.RESUME);
        assertThat(MenuItems.plain(changed.updated.get(1).properties)).containsEntry("visible", true);
    }

    @Test
    void showUpdatesSettingsAndQuitGoToTheDesktop() throws Exception {
        click(TrayMenu.SHOW_UPDATES);
        assertThat(actions.next()).isEqualTo("showUpdates");
        click(TrayMenu.SETTINGS);
        assertThat(actions.next()).isEqualTo("showSettings");
        click(TrayMenu.QUIT);
        assertThat(actions.next()).isEqualTo("quit");
    }

    @Test
    void updateAllOnAMeteredConnectionGoesToTheWindowWhichAsksFirst() throws Exception {
        helper.reply("update", "{\"job\":1}");
        actions.metered = true;
        click(TrayMenu.UPDATE_ALL);
        assertThat(actions.next()).isEqualTo("updateInWindow null");

        actions.metered = false;
        click(TrayMenu.UPDATE_ALL);
        // Not metered: the model updates each target with an update at once.
        assertThat(helper.awaitRequest("update").path("target").asText()).isNotEmpty();
    }

    @Test
    void clickingTheIconShowsTheUpdatesAndAMiddleClickChecks() throws Exception {
        host.item(item).Activate(10, 10);
        assertThat(actions.next()).isEqualTo("showUpdates");

        host.item(item).SecondaryActivate(10, 10);
        helper.awaitRequest("check");
    }

    @Test
    void aFailureAsksForAttention() throws Exception {
        host.clearSignals();
        helper.broadcast(stateEvent(target("demo", "1.0.0", "2.0.0", "the feed's signature is not valid")));

        StatusNotifierItem.NewStatus status = host.awaitSignal(StatusNotifierItem.NewStatus.class);
        assertThat(status.status).isEqualTo("NeedsAttention");
        host.awaitSignal(StatusNotifierItem.NewIcon.class);
        Properties properties = host.itemProperties(item);
        assertThat(properties.<String>Get(ITEM, "IconName")).isEqualTo("upswap-error");
        assertThat(((Object[]) properties.Get(ITEM, "ToolTip"))[3])
                .isEqualTo("demo: the feed's signature is not valid");
    }

    @Test
    void downloadProgressShowsInTheToolTip() throws Exception {
        host.clearSignals();
        helper.broadcast(progressEvent("demo", 3, "download", 1_887_437, 4_194_304));

        host.awaitSignal(StatusNotifierItem.NewToolTip.class);
        Properties properties = host.itemProperties(item);
        assertThat(properties.<String>Get(ITEM, "IconName")).isEqualTo("upswap-working");
        assertThat(((Object[]) properties.Get(ITEM, "ToolTip"))[3]).isEqualTo("Downloading demo 2.0.0 — 45%");
    }

    @Test
    void aClickOnAnItemThatDoesNotExistIsRefused() throws Exception {
        DBusMenu menu = host.menu(item);

        assertThatThrownBy(() -> menu.Event(99, "clicked", new Variant<>(""), new UInt32(0)))
                .isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void registersAgainWhenTheWatcherComesBack() throws Exception {
        host.close();
        host = FakeStatusNotifierHost.start(bus.address(), true);

        assertThat(host.awaitRegistration()).isEqualTo(item);
    }

    @Test
    void closingTakesTheItemOffTheBus() throws Exception {
        try (DBusConnection peer = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            DBus dbus = peer.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            assertThat(dbus.NameHasOwner(item)).isTrue();

            tray.close();

            await("the item's name is released", () -> !dbus.NameHasOwner(item));
        }
    }

    private void click(int id) throws Exception {
        host.menu(item).Event(id, "clicked", new Variant<>(""), new UInt32(0));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
