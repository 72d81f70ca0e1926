// The panel's side of the tray, played by the test: it owns
// org.kde.StatusNotifierWatcher on the private bus, records which items
// register, collects the signals items and menus send, and reads items and
// menus back through the same D-Bus calls a real host makes.
package org.upswap.tray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.upswap.tray.dbus.DBusMenu;
import org.upswap.tray.dbus.StatusNotifierItem;
import org.upswap.tray.dbus.StatusNotifierWatcher;

final class FakeStatusNotifierHost implements StatusNotifierWatcher, Properties, AutoCloseable {

    private static final long WAIT_SECONDS = 5;

    private final DBusConnection connection;
    private final boolean hostRegistered;
    private final BlockingQueue<String> registrations = new LinkedBlockingQueue<>();
    private final List<DBusSignal> signals = new ArrayList<>();

    private FakeStatusNotifierHost(DBusConnection connection, boolean hostRegistered) {
        this.connection = connection;
        this.hostRegistered = hostRegistered;
    }

    /** @param hostRegistered what the watcher answers for IsStatusNotifierHostRegistered */
    static FakeStatusNotifierHost start(String busAddress, boolean hostRegistered) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        FakeStatusNotifierHost host = new FakeStatusNotifierHost(connection, hostRegistered);
        connection.exportObject(host);
        connection.addSigHandler(StatusNotifierItem.NewIcon.class, host::record);
        connection.addSigHandler(StatusNotifierItem.NewAttentionIcon.class, host::record);
        connection.addSigHandler(StatusNotifierItem.NewToolTip.class, host::record);
        connection.addSigHandler(StatusNotifierItem.NewStatus.class, host::record);
        connection.addSigHandler(DBusMenu.LayoutUpdated.class, host::record);
        connection.addSigHandler(DBusMenu.ItemsPropertiesUpdated.class, host::record);
        connection.requestBusName(BUS_NAME);
        return host;
    }

    /** The next item that registered; fails after 5 s. */
    String awaitRegistration() throws InterruptedException {
        String service = registrations.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (service == null) {
            throw new AssertionError("no RegisterStatusNotifierItem within " + WAIT_SECONDS + " s");
        }
        return service;
    }

    /** The items that registered and were not awaited yet, without waiting. */
    List<String> registrationsSoFar() {
        return List.copyOf(registrations);
    }

    /** The first signal of {@code type} received and not taken before, waiting up to 5 s. */
    <S extends DBusSignal> S awaitSignal(Class<S> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (signals) {
            while (true) {
                for (DBusSignal signal : signals) {
                    if (type.isInstance(signal)) {
                        signals.remove(signal);
                        return type.cast(signal);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT_SECONDS
                            + " s; got " + signals);
                }
                TimeUnit.NANOSECONDS.timedWait(signals, left);
            }
        }
    }

    /** Forgets the signals received so far. */
    void clearSignals() {
        synchronized (signals) {
            signals.clear();
        }
    }

    /** The signals received and not taken, by type name. */
    List<String> signalNames() {
        synchronized (signals) {
            return signals.stream().map(s -> s.getClass().getSimpleName()).toList();
        }
    }

    Properties itemProperties(String busName) throws DBusException {
        return connection.getRemoteObject(busName, StatusNotifierItem.OBJECT_PATH, Properties.class);
    }

    StatusNotifierItem item(String busName) throws DBusException {
        return connection.getRemoteObject(busName, StatusNotifierItem.OBJECT_PATH, StatusNotifierItem.class);
    }

    DBusMenu menu(String busName) throws DBusException {
        return connection.getRemoteObject(busName, DBusMenu.OBJECT_PATH, DBusMenu.class);
    }

    Properties menuProperties(String busName) throws DBusException {
        return connection.getRemoteObject(busName, DBusMenu.OBJECT_PATH, Properties.class);
    }

    /** Leaves the bus, as a panel that quits or crashes. */
    @Override
    public void close() throws IOException {
        connection.close();
    }

    // ---- org.kde.StatusNotifierWatcher ----------------------------------------

    @Override
    public void RegisterStatusNotifierItem(String service) {
        registrations.add(service);
    }

    @Override
    public void RegisterStatusNotifierHost(String service) {
        // This fake is its own host.
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        return (A) GetAll(interfaceName).get(propertyName);
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return Map.of("RegisteredStatusNotifierItems", new Variant<>(List.of(), "as"),
                "IsStatusNotifierHostRegistered", new Variant<>(hostRegistered),
                "ProtocolVersion", new Variant<>(0));
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new PropertyReadOnly(propertyName);
    }

    private void record(DBusSignal signal) {
        synchronized (signals) {
            signals.add(signal);
            signals.notifyAll();
        }
    }
}
