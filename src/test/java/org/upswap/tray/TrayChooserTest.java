// Which tray starts: a StatusNotifierItem when a host is on the session bus,
// else AWT's tray when the display has one, else none; a forced kind either
// starts or fails. The AWT probe is replaced, so no display is needed.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.PrivateSessionBus;
import org.upswap.app.UpdatesModel;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperConnection;
import org.upswap.tray.dbus.StatusNotifierItem;

@Timeout(30)
class TrayChooserTest {

    @TempDir
    Path dir;

    private PrivateSessionBus bus;
    private UpdatesModel model;
    private final RecordingActions actions = new RecordingActions();

    @BeforeEach
    void start() throws Exception {
        bus = PrivateSessionBus.start(dir);
        // Never started: the tray needs only its snapshot and listeners.
        model = new UpdatesModel(new HelperConnection(dir.resolve("absent.sock"), ClientOptions.defaults()),
                Runnable::run);
    }

    @AfterEach
    void stop() throws Exception {
        model.close();
        bus.close();
    }

    @Test
    void aHostOnTheBusWinsAndAwtIsNotEvenAsked() {
        TrayKind kind = TrayChooser.choose(null, () -> true, () -> {
            throw new AssertionError("AWT probed although a StatusNotifier host is there");
        });

        assertThat(kind).isEqualTo(TrayKind.STATUS_NOTIFIER);
    }

    @Test
    void withoutAHostAwtThenNothing() {
        assertThat(TrayChooser.choose(null, () -> false, () -> true)).isEqualTo(TrayKind.SYSTEM_TRAY);
        assertThat(TrayChooser.choose(null, () -> false, () -> false)).isEqualTo(TrayKind.NONE);
    }

    @Test
    void aForcedKindIsTakenWithoutLooking() {
        assertThat(TrayChooser.choose(TrayKind.NONE, () -> true, () -> true)).isEqualTo(TrayKind.NONE);
    }

    @Test
    void noWatcherOnTheBusAndNoSystemTrayMeansNoTray() throws Exception {
        try (Tray tray = Tray.start(model, actions, options(), () -> false)) {
            assertThat(tray.kind()).isEqualTo(TrayKind.NONE);
            assertThat(itemsOnTheBus()).isZero();
        }
    }

    @Test
    void aWatcherWithoutAHostCountsAsNone() throws Exception {
        try (FakeStatusNotifierHost watcherOnly = FakeStatusNotifierHost.start(bus.address(), false);
             Tray tray = Tray.start(model, actions, options(), () -> false)) {
            assertThat(tray.kind()).isEqualTo(TrayKind.NONE);
            assertThat(watcherOnly.registrationsSoFar()).isEmpty();
        }
    }

    @Test
    void withoutASessionBusOnlyAwtIsPossible() {
        try (Tray tray = Tray.start(model, actions, options().withBusAddress(null), () -> false)) {
            assertThat(tray.kind()).isEqualTo(TrayKind.NONE);
        }
    }

    @Test
    void aBusThatCannotBeReachedCountsAsNoBus() {
        for (String address : new String[] {"unix:path=" + dir.resolve("nobody-listens"), "not an address"}) {
            try (Tray tray = Tray.start(model, actions, options().withBusAddress(address), () -> false)) {
                assertThat(tray.kind()).as(address).isEqualTo(TrayKind.NONE);
            }
        }
    }

    @Test
    void aForcedSystemTrayWithoutOneFails() {
        assertThatThrownBy(() -> Tray.start(model, actions, options().forcing(TrayKind.SYSTEM_TRAY), () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no system tray");
    }

    @Test
    void aForcedItemWaitsForAWatcherAndRegistersWhenOneComes() throws Exception {
        try (Tray tray = Tray.start(model, actions, options().forcing(TrayKind.STATUS_NOTIFIER), () -> false)) {
            assertThat(tray.kind()).isEqualTo(TrayKind.STATUS_NOTIFIER);
            assertThat(itemsOnTheBus()).isEqualTo(1);

            try (FakeStatusNotifierHost host = FakeStatusNotifierHost.start(bus.address(), true)) {
                assertThat(host.awaitRegistration()).startsWith(StatusNotifierItem.BUS_NAME_PREFIX);
            }
        }
    }

    @Test
    void headlessThereIsNoSystemTray() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "runs only where Java sees no display");

        assertThat(SystemTrayIcon.supported()).isFalse();
    }

    private TrayOptions options() {
        return TrayOptions.defaults().withBusAddress(bus.address());
    }

    private long itemsOnTheBus() throws Exception {
        try (DBusConnection peer = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            DBus dbus = peer.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            return java.util.Arrays.stream(dbus.ListNames())
                    .filter(name -> name.startsWith(StatusNotifierItem.BUS_NAME_PREFIX)).count();
        }
    }
}
