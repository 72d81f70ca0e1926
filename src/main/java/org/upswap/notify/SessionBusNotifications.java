// The notification server on the session bus, wired up: one private
// connection, the server's object, and its signals routed to a
// DesktopNotifications sink. Owns the connection and the thread that makes
// the calls.
package org.upswap.notify;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;

public final class SessionBusNotifications implements AutoCloseable {

    private static final Logger LOG = System.getLogger(SessionBusNotifications.class.getName());

    private final DBusConnection connection;
    private final ExecutorService calls;
    private final DesktopNotifications sink;

    private SessionBusNotifications(DBusConnection connection, ExecutorService calls, DesktopNotifications sink) {
        this.connection = connection;
        this.calls = calls;
        this.sink = sink;
    }

    /**
     * Connects to the bus at {@code address} (e.g. the value of
     * DBUS_SESSION_BUS_ADDRESS). Whether a notification server is there is
     * found out at the first notice; until one answers, notices go to
     * {@code fallback}.
     *
     * @throws DBusException if the bus itself cannot be reached
     */
    public static SessionBusNotifications connect(String address, NoticeSink fallback) throws DBusException {
        DBusConnection connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "upswap-notifications");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Notifications server = connection.getRemoteObject(Notifications.BUS_NAME, Notifications.OBJECT_PATH,
                    Notifications.class);
            DesktopNotifications sink = new DesktopNotifications(server, fallback, calls);
            // Bound to the server's object, so the bus delivers only signals sent by
            // whoever owns org.freedesktop.Notifications, not look-alikes from other clients.
            connection.addSigHandler(Notifications.ActionInvoked.class, server,
                    s -> sink.actionInvoked(s.id(), s.actionKey()));
            connection.addSigHandler(Notifications.NotificationClosed.class, server,
                    s -> sink.notificationClosed(s.id(), s.reason()));
            connection.addSigHandler(DBus.NameOwnerChanged.class, s -> {
                if (Notifications.BUS_NAME.equals(s.name) && !s.oldOwner.isEmpty()) {
                    LOG.log(Level.INFO, "notifications: the notification server left the bus");
                    sink.serverLost();
                }
            });
            return new SessionBusNotifications(connection, calls, sink);
        } catch (DBusException | RuntimeException e) {
            calls.shutdownNow();
            connection.disconnect();
            throw e;
        }
    }

    public NoticeSink sink() {
        return sink;
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            connection.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "notifications: closing the bus connection: " + e);
        }
    }
}
