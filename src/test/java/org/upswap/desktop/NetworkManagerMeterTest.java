// NetworkManagerMeter against a bus of the test's own: NetworkManager
// itself would take over the machine's network, so a stand-in object with
// NetworkManager's name, path and Metered property plays it, and the meter
// talks real D-Bus to it (property reads, PropertiesChanged, owner changes).
package org.upswap.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.PrivateSessionBus;

@Timeout(30)
class NetworkManagerMeterTest {

    @TempDir
    Path dir;
    PrivateSessionBus bus;
    NetworkManagerMeter meter;
    StandIn nm;

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateSessionBus.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (meter != null) {
            meter.close();
        }
        if (nm != null) {
            nm.close();
        }
        bus.close();
    }

    @Test
    void withoutNetworkManagerNothingIsMetered() throws Exception {
        meter = NetworkManagerMeter.watch(bus.address());
        meter.settle();
        assertThat(meter.metered()).isFalse();
    }

    @Test
    void noBusAtAllMeansUnmetered() throws Exception {
        meter = NetworkManagerMeter.watch("unix:path=" + dir.resolve("no-such-bus"));
        meter.settle();
        assertThat(meter.connected()).isFalse();
        assertThat(meter.metered()).isFalse();
    }

    @Test
    void yesAndGuessedYesAreMeteredTheRestIsNot() throws Exception {
        for (int value = 0; value <= 4; value++) {
            nm = StandIn.start(bus.address(), value);
            meter = NetworkManagerMeter.watch(bus.address());
            meter.settle();
            assertThat(meter.metered()).as("Metered = " + value).isEqualTo(value == 1 || value == 3);
            meter.close();
            nm.close();
            nm = null;
        }
    }

    @Test
    void aChangeIsPickedUpFromTheSignal() throws Exception {
        nm = StandIn.start(bus.address(), 2);
        meter = NetworkManagerMeter.watch(bus.address());
        meter.settle();
        assertThat(meter.metered()).isFalse();

        nm.change(1); // joined a phone's hotspot
        await(() -> meter.metered());
        nm.change(4);
        await(() -> !meter.metered());
    }

    @Test
    void networkManagerComingAndGoingIsFollowed() throws Exception {
        meter = NetworkManagerMeter.watch(bus.address());
        meter.settle();
        assertThat(meter.metered()).isFalse();

        nm = StandIn.start(bus.address(), 3);
        await(() -> meter.metered());
        nm.close();
        nm = null;
        await(() -> !meter.metered());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** NetworkManager's name, object and Metered property, on a connection of its own. */
    static final class StandIn implements Properties, AutoCloseable {
        private final DBusConnection connection;
        private volatile int metered;

        private StandIn(DBusConnection connection, int metered) {
            this.connection = connection;
            this.metered = metered;
        }

        static StandIn start(String address, int metered) throws DBusException {
            DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
            StandIn s = new StandIn(c, metered);
            c.exportObject(NetworkManagerMeter.OBJECT_PATH, s);
            c.requestBusName(NetworkManagerMeter.BUS_NAME);
            return s;
        }

        void change(int value) throws DBusException {
            metered = value;
            connection.sendMessage(new Properties.PropertiesChanged(NetworkManagerMeter.OBJECT_PATH,
                    NetworkManagerMeter.INTERFACE, Map.of(NetworkManagerMeter.METERED, new Variant<>(new UInt32(value))),
                    List.of()));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String interfaceName, String propertyName) {
            if (!NetworkManagerMeter.INTERFACE.equals(interfaceName)
                    || !NetworkManagerMeter.METERED.equals(propertyName)) {
                throw new org.freedesktop.dbus.exceptions.DBusExecutionException("no such property");
            }
            return (A) new UInt32(metered);
        }

        @Override
        public <A> void Set(String interfaceName, String propertyName, A value) {
            throw new org.freedesktop.dbus.exceptions.DBusExecutionException("read-only");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String interfaceName) {
            return Map.of(NetworkManagerMeter.METERED, new Variant<>(new UInt32(metered)));
        }

        @Override
        public String getObjectPath() {
            return NetworkManagerMeter.OBJECT_PATH;
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
