// Opens the kinds of tray for Tray.start: connects to the session bus once,
// uses that connection both to look for a StatusNotifier host and for the
// item, and closes it if the item is not put up. Forced kinds fail loudly,
// chosen ones quietly (Tray.start falls back to the next kind).
package org.upswap.tray;

import java.awt.AWTException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

final class TrayOpener {

    private static final Logger LOG = System.getLogger(TrayOpener.class.getName());
    /**
     * How long to keep trying to reach the session bus. dbus-java retries for
     * 10 s by default, which a stale DBUS_SESSION_BUS_ADDRESS would add to
     * every start; a live local bus answers in milliseconds.
     */
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final TrayOptions options;
    private final TrayIcons icons;
    private final TrayLook initial;
    private final Consumer<MenuCommand> clicks;
    private final TrayThread trayThread;
    private DBusConnection bus;
    private boolean busTried;
    private boolean busTaken;

    /**
     * @param initial what the icon shows until the first snapshot arrives
     * @param clicks runs what clicks ask for
     */
    TrayOpener(TrayOptions options, TrayIcons icons, TrayLook initial, Consumer<MenuCommand> clicks,
               TrayThread trayThread) {
        this.options = options;
        this.icons = icons;
        this.initial = initial;
        this.clicks = clicks;
        this.trayThread = trayThread;
    }

    /** Whether a StatusNotifier host is on the session bus (false without a bus). */
    boolean hostOnBus() {
        DBusConnection connection = bus();
        return connection != null && StatusNotifierTray.hostPresent(connection);
    }

    /** The item on the bus, or null if it could not be put up (and it was not forced). */
    TrayFrontEnd statusNotifier() {
        DBusConnection connection = bus();
        if (connection == null) {
            return failed("no session bus to show a StatusNotifierItem on", null);
        }
        busTaken = true;
        try {
            return StatusNotifierTray.start(connection, icons, options, initial, clicks, trayThread);
        } catch (DBusException | RuntimeException e) {
            return failed("could not show the StatusNotifierItem: " + e.getMessage(), e);
        }
    }

    /** The AWT tray icon, or null if there is no tray or AWT refused the icon (and it was not forced). */
    TrayFrontEnd systemTray(BooleanSupplier supported) {
        if (!supported.getAsBoolean()) {
            return failed("no system tray on this display (or no display)", null);
        }
        try {
            return SystemTrayIcon.start(icons, initial, clicks);
        } catch (AWTException | RuntimeException e) {
            return failed("could not add the AWT tray icon: " + e.getMessage(), e);
        }
    }

    /** Closes the bus connection unless the item took it. */
    void closeUnusedBus() {
        if (bus != null && !busTaken) {
            try {
                bus.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "tray: closing the bus connection: " + e);
            }
            bus = null;
        }
    }

    private DBusConnection bus() {
        if (!busTried) {
            busTried = true;
            String address = options.busAddress();
            if (address != null && !address.isBlank()) {
                try {
                    bus = DBusConnectionBuilder.forAddress(address).withShared(false)
                            .transportConfig().withTimeout(CONNECT_TIMEOUT_MS).back()
                            .build();
                } catch (DBusException | RuntimeException e) {
                    // A malformed address too: without a bus the tray falls back, it does not fail.
                    LOG.log(Level.INFO, () -> "tray: no session bus at " + address + ": " + e.getMessage());
                }
            }
        }
        return bus;
    }

    private TrayFrontEnd failed(String why, Exception cause) {
        if (options.forced() != null) {
            throw new IllegalStateException("tray: " + why, cause);
        }
        LOG.log(Level.WARNING, "tray: " + why);
        return null;
    }
}
