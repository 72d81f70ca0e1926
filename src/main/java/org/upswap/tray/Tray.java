// The desktop app's tray icon. Tray.start picks how to show it (a
// StatusNotifierItem when a host is on the session bus, else an AWT tray
// icon when the display has a tray, else none, which it logs so the app
// shell shows its window instead), keeps it in step with the UpdatesModel
// and turns clicks into model actions and DesktopActions. No JavaFX here.
package org.upswap.tray;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.upswap.app.AppListener;
import org.upswap.app.DesktopActions;
import org.upswap.app.UpdatesModel;

/**
 * Threads: the model's listener only hands snapshots over; icon updates and
 * clicks run on the tray's own thread (D-Bus exports are safe to update from
 * it, AWT work is passed on to AWT's event thread). DesktopActions are
 * called on the tray thread, so implementations hop to their toolkit's.
 */
public final class Tray implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Tray.class.getName());
    /** How long close waits for the icon to go before leaving that to the tray thread. */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    private final TrayKind kind;
    private final UpdatesModel model;
    private final TrayThread trayThread;
    private final TrayFrontEnd frontEnd;
    private final AppListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Tray(TrayKind kind, UpdatesModel model, TrayThread trayThread, TrayFrontEnd frontEnd) {
        this.kind = kind;
        this.model = model;
        this.trayThread = trayThread;
        this.frontEnd = frontEnd;
        this.listener = frontEnd == null ? null : follow(model, trayThread, frontEnd);
    }

    /** Keeps {@code frontEnd} showing the model's snapshots; returns the listener to remove later. */
    private static AppListener follow(UpdatesModel model, TrayThread trayThread, TrayFrontEnd frontEnd) {
        SnapshotRelay relay = new SnapshotRelay(trayThread, snapshot -> frontEnd.show(TrayLook.of(snapshot)));
        AppListener listener = relay::changed;
        model.addListener(listener);
        // Read after listening: a change in between reaches the relay either way.
        relay.initial(model.snapshot());
        return listener;
    }

    /**
     * Shows the tray icon for {@code model}.
     *
     * @param actions what Show updates…, Settings… and Quit (and a click on the icon) ask of the app
     * @throws IllegalStateException if {@code options} force a kind that cannot start here;
     *         without forcing, start never fails for want of a tray: it falls back to the next kind
     */
    public static Tray start(UpdatesModel model, DesktopActions actions, TrayOptions options) {
        return start(model, actions, options, SystemTrayIcon::supported);
    }

    /** As {@link #start(UpdatesModel, DesktopActions, TrayOptions)}, with the AWT probe replaced (tests). */
    static Tray start(UpdatesModel model, DesktopActions actions, TrayOptions options,
                      BooleanSupplier systemTraySupported) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(options, "options");
        TrayIcons icons = TrayIcons.load();
        TrayThread trayThread = new TrayThread();
        TrayCommands commands = new TrayCommands(model, actions);
        Consumer<MenuCommand> clicks = command -> trayThread.execute(() -> commands.run(command));
        TrayOpener opener = new TrayOpener(options, icons, TrayLook.of(model.snapshot()), clicks, trayThread);
        try {
            TrayFrontEnd frontEnd = null;
            TrayKind kind = TrayChooser.choose(options.forced(), opener::hostOnBus, systemTraySupported);
            if (kind == TrayKind.STATUS_NOTIFIER) {
                frontEnd = opener.statusNotifier();
                if (frontEnd == null) {
                    // A host was there but the item could not be put up: try AWT.
                    kind = systemTraySupported.getAsBoolean() ? TrayKind.SYSTEM_TRAY : TrayKind.NONE;
                }
            }
            opener.closeUnusedBus();
            if (kind == TrayKind.SYSTEM_TRAY) {
                frontEnd = opener.systemTray(systemTraySupported);
                if (frontEnd == null) {
                    kind = TrayKind.NONE;
                }
            }
            if (kind != TrayKind.NONE) {
                LOG.log(Level.INFO, "tray: showing the icon as " + kind);
            } else if (options.forced() == null) {
                LOG.log(Level.INFO, "tray: no tray icon (no StatusNotifier host on the session bus and no "
                        + "system tray on the display); running without one");
            } else {
                LOG.log(Level.INFO, "tray: running without a tray icon, as asked");
            }
            return new Tray(kind, model, trayThread, frontEnd);
        } catch (RuntimeException e) {
            opener.closeUnusedBus();
            trayThread.close();
            throw e;
        }
    }

    /** How the icon is shown; NONE when there is no tray to show it in. */
    public TrayKind kind() {
        return kind;
    }

    /** Removes the icon and stops following the model. Idempotent; callable from a menu action (Quit). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (frontEnd != null) {
            model.removeListener(listener);
            // Queued behind any update in flight, so nothing is sent on a closed connection.
            trayThread.execute(frontEnd::close);
        }
        trayThread.close(CLOSE_PATIENCE);
    }
}
