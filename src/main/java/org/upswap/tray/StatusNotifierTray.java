// The tray as a StatusNotifierItem: owns a private session-bus connection,
// the name org.kde.StatusNotifierItem-PID-N, the item and menu objects, and
// the registration with the StatusNotifierWatcher, renewed whenever a
// watcher (re)appears on the bus (a panel restart must not lose the icon).
package org.upswap.tray;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.upswap.tray.dbus.StatusNotifierItem;
import org.upswap.tray.dbus.StatusNotifierWatcher;

final class StatusNotifierTray implements TrayFrontEnd {

    private static final Logger LOG = System.getLogger(StatusNotifierTray.class.getName());
    /** Makes bus names unique when one process shows more than one item (tests do). */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final DBusConnection connection;
    private final String busName;
    private final StatusNotifierItemObject item;
    private final DBusMenuObject menu;
    private AutoCloseable watcherHandler;
    private volatile boolean closed;

    private StatusNotifierTray(DBusConnection connection, String busName, StatusNotifierItemObject item,
                               DBusMenuObject menu) {
        this.connection = connection;
        this.busName = busName;
        this.item = item;
        this.menu = menu;
    }

    /**
     * Whether a StatusNotifierItem would be seen: a watcher is on the bus and
     * says a host (a panel that draws items) has registered with it. A
     * watcher that cannot say is trusted to have one.
     */
    static boolean hostPresent(DBusConnection connection) {
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!bus.NameHasOwner(StatusNotifierWatcher.BUS_NAME)) {
                return false;
            }
        } catch (DBusException | DBusExecutionException e) {
            LOG.log(Level.DEBUG, () -> "tray: asking the bus for a StatusNotifierWatcher: " + e.getMessage());
            return false;
        }
        try {
            Properties watcher = connection.getRemoteObject(StatusNotifierWatcher.BUS_NAME,
                    StatusNotifierWatcher.OBJECT_PATH, Properties.class);
            Object registered = watcher.Get(StatusNotifierWatcher.INTERFACE, "IsStatusNotifierHostRegistered");
            if (registered instanceof Variant<?> variant) {
                registered = variant.getValue();
            }
            return !Boolean.FALSE.equals(registered);
        } catch (DBusException | DBusExecutionException e) {
            LOG.log(Level.DEBUG, () -> "tray: the StatusNotifierWatcher does not say whether a host is there: "
                    + e.getMessage());
            return true;
        }
    }

    /**
     * Exports the item and its menu on {@code connection}, takes the item's
     * bus name and registers with the watcher if there is one (else when one
     * appears). Owns the connection from here on, also when this fails.
     *
     * @param commands runs what clicks ask for
     * @param trayThread where re-registrations run, off the bus's threads
     */
    static StatusNotifierTray start(DBusConnection connection, TrayIcons icons, TrayOptions options,
                                    TrayLook initial, Consumer<MenuCommand> commands, Executor trayThread)
            throws DBusException {
        String busName = StatusNotifierItem.BUS_NAME_PREFIX + ProcessHandle.current().pid() + "-"
                + INSTANCES.incrementAndGet();
        StatusNotifierItemObject item = new StatusNotifierItemObject(icons, options, initial,
                connection::sendMessage, commands);
        DBusMenuObject menu = new DBusMenuObject(icons, options, initial.menu(), connection::sendMessage, commands);
        StatusNotifierTray tray = new StatusNotifierTray(connection, busName, item, menu);
        try {
            connection.exportObject(item);
            connection.exportObject(menu);
            // The objects first, then the name: whoever reacts to the name finds them.
            connection.requestBusName(busName);
            tray.watcherHandler = connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
                if (StatusNotifierWatcher.BUS_NAME.equals(signal.name) && !signal.newOwner.isEmpty()) {
                    trayThread.execute(tray::register);
                }
            });
        } catch (DBusException | RuntimeException e) {
            tray.close();
            throw e;
        }
        tray.register();
        return tray;
    }

    /** The bus name the item is known by. */
    String busName() {
        return busName;
    }

    @Override
    public void show(TrayLook look) {
        item.show(look);
        menu.show(look.menu());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcherHandler != null) {
            try {
                watcherHandler.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, () -> "tray: removing the watcher signal handler: " + e);
            }
        }
        // Leaving the bus releases the name; the watcher then drops the item.
        try {
            connection.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "tray: closing the bus connection: " + e);
        }
    }

    private void register() {
        if (closed) {
            return;
        }
        try {
            StatusNotifierWatcher watcher = connection.getRemoteObject(StatusNotifierWatcher.BUS_NAME,
                    StatusNotifierWatcher.OBJECT_PATH, StatusNotifierWatcher.class);
            watcher.RegisterStatusNotifierItem(busName);
            LOG.log(Level.INFO, () -> "tray: registered " + busName + " with the StatusNotifierWatcher");
        } catch (DBusException | DBusExecutionException e) {
            LOG.log(Level.INFO, () -> "tray: no StatusNotifierWatcher took " + busName + " (" + e.getMessage()
                    + "); registering again when one appears");
        }
    }
}
