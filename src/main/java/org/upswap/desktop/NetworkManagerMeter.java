// Whether NetworkManager calls the connection metered, kept up to date from
// its signals so that asking costs nothing at the moment a button is pressed.
// NetworkManager's Metered property: 1 yes and 3 guessed yes count as
// metered (a phone's hotspot is guessed); 0 unknown, 2 no and 4 guessed no
// do not. Without NetworkManager on the system bus nothing is metered.
package org.upswap.desktop;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.upswap.app.NetworkMeter;

final class NetworkManagerMeter implements NetworkMeter, AutoCloseable {

    private static final Logger LOG = System.getLogger(NetworkManagerMeter.class.getName());

    static final String BUS_NAME = "org.freedesktop.NetworkManager";
    static final String OBJECT_PATH = "/org/freedesktop/NetworkManager";
    static final String INTERFACE = "org.freedesktop.NetworkManager";
    static final String METERED = "Metered";

    private final String address;
    /** Set once connected; touched on the reads thread only, and by close(). */
    private volatile DBusConnection bus;
    private final AtomicBoolean metered = new AtomicBoolean();
    /** Connecting and reading happen here, never on the caller's or the bus's signal threads. */
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "upswap-network-meter");
        thread.setDaemon(true);
        return thread;
    });

    private NetworkManagerMeter(String address) {
        this.address = address;
    }

    /**
     * Watches NetworkManager on the bus at {@code address} (null: the system
     * bus). Returns at once (unmetered until known): connecting happens in
     * the background, off the app's start-up path. When that bus cannot be
     * reached, nothing is ever metered.
     */
    static NetworkManagerMeter watch(String address) {
        NetworkManagerMeter meter = new NetworkManagerMeter(address);
        meter.reads.execute(meter::connect);
        return meter;
    }

    private void connect() {
        DBusConnection c;
        try {
            c = (address == null ? DBusConnectionBuilder.forSystemBus() : DBusConnectionBuilder.forAddress(address))
                    .withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "network: no system bus (" + e.getMessage() + "); connections count as unmetered");
            return;
        }
        try {
            c.addSigHandler(Properties.PropertiesChanged.class, signal -> {
                if (OBJECT_PATH.equals(signal.getPath()) && INTERFACE.equals(signal.getInterfaceName())) {
                    Variant<?> value = signal.getPropertiesChanged().get(METERED);
                    if (value != null) {
                        set(value.getValue());
                    }
                }
            });
            c.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
                if (BUS_NAME.equals(signal.name)) {
                    reads.execute(this::read); // started (read it) or gone (unmetered)
                }
            });
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "network: cannot watch NetworkManager (" + e.getMessage() + ")");
            c.disconnect();
            return;
        }
        bus = c;
        read();
    }

    @Override
    public boolean metered() {
        return metered.get();
    }

    /** Waits until the reads asked for so far are done (tests). */
    void settle() throws Exception {
        reads.submit(() -> { }).get();
    }

    /** Whether the bus was reached (tests). */
    boolean connected() {
        return bus != null;
    }

    @Override
    public void close() {
        reads.shutdownNow();
        DBusConnection c = bus;
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "network: closing the bus connection: " + e);
        }
    }

    private void read() {
        DBusConnection c = bus;
        if (c == null) {
            return;
        }
        try {
            Properties nm = c.getRemoteObject(BUS_NAME, OBJECT_PATH, Properties.class);
            set(nm.Get(INTERFACE, METERED));
        } catch (DBusException | DBusExecutionException e) {
            // No NetworkManager (yet): nothing to go by.
            metered.set(false);
            LOG.log(Level.DEBUG, () -> "network: NetworkManager's Metered not readable: " + e.getMessage());
        }
    }

    private void set(Object value) {
        boolean now = value instanceof UInt32 u && (u.intValue() == 1 || u.intValue() == 3);
        if (metered.getAndSet(now) != now) {
            LOG.log(Level.INFO, "network: the connection is " + (now ? "metered" : "not metered"));
        }
    }
}
