// The running desktop app: one connection to the helper and the model drawn
// from it, the tray icon, the notifications and (when first needed) the
// update window, started in that order and closed in reverse. Launched by
// UpswapDesktop, which has already read the command line and made sure this
// is the user's only instance.
package org.upswap.desktop;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.freedesktop.dbus.exceptions.DBusException;
import org.upswap.app.DownloadGate;
import org.upswap.app.NetworkMeter;
import org.upswap.app.Settings;
import org.upswap.app.UpdatesModel;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperConnection;
import org.upswap.client.SocketPaths;
import org.upswap.notify.InAppNotices;
import org.upswap.notify.NoticeSink;
import org.upswap.notify.Notifier;
import org.upswap.notify.ReminderFile;
import org.upswap.notify.SessionBusNotifications;
import org.upswap.tray.Tray;
import org.upswap.tray.TrayKind;
import org.upswap.tray.TrayOptions;

/**
 * JavaFX creates this class itself, so what main decided reaches it through
 * {@link #launch}. Everything here runs on the JavaFX thread except the
 * model's work, which has its own thread (shared with the notifier).
 */
public final class DesktopApp extends Application {

    private static final Logger LOG = System.getLogger(DesktopApp.class.getName());
    /** Answers that need polkit wait for a person typing a password. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    /** How often the notifier looks again without being asked (unanswered notices come back after a rest). */
    private static final Duration RECONSIDER_EVERY = Duration.ofMinutes(1);

    private static volatile DesktopOptions options;
    private static volatile SingleInstance instance;

    private ScheduledExecutorService modelThread;
    private UpdatesModel model;
    private DesktopShell shell;
    private Tray tray;
    private SessionBusNotifications busNotifications;
    private NetworkMeter meter;

    /** Starts JavaFX with this app; returns when it has stopped. */
    static void launch(DesktopOptions chosen, SingleInstance claimed) {
        options = chosen;
        instance = claimed;
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage unused) throws IOException {
        Map<String, String> env = System.getenv();
        SocketPaths sockets = options.sockets(env);
        Settings settings = loadSettings();

        modelThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "upswap-model");
            thread.setDaemon(true);
            return thread;
        });
        model = new UpdatesModel(new HelperConnection(sockets.helper(), ClientOptions.defaults()
                .withRequestTimeout(REQUEST_TIMEOUT).withClientName(DesktopVersion.clientName())), modelThread);
        // Whether downloads wait for a yes: NetworkManager's word on the connection, read in the background.
        meter = NetworkManagerMeter.watch(null);
        shell = new DesktopShell(model, settings, DownloadGate.metered(settings, meter));

        // The tray first: it is what a user starting into the session sees.
        tray = Tray.start(model, shell, trayOptions(env));
        boolean hasTray = tray.kind() != TrayKind.NONE;
        // With a tray, closing the window leaves the app in the tray; without one it ends it.
        Platform.setImplicitExit(!hasTray);

        Notifier notifier = new Notifier(model, shell, notices(env), new NotifierPreferences(settings),
                ReminderFile.open(ReminderFile.defaultLocation(env)), Clock.systemDefaultZone(), modelThread,
                (delay, task) -> modelThread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
        model.addListener(notifier);
        modelThread.scheduleWithFixedDelay(notifier::reconsider, RECONSIDER_EVERY.toSeconds(),
                RECONSIDER_EVERY.toSeconds(), TimeUnit.SECONDS);
        settings.addListener(changed -> modelThread.execute(notifier::reconsider));

        instance.listen(request -> shell.showUpdates());
        model.start();
        if (!options.hidden() || !hasTray) {
            shell.showUpdates();
        }
        LOG.log(Level.INFO, "started: helper " + sockets.helper() + ", tray " + tray.kind()
                + ", notifications " + (busNotifications != null ? "through the session bus" : "in the window")
                + (options.hidden() ? ", hidden" : ""));
    }

    @Override
    public void stop() {
        LOG.log(Level.INFO, "quitting");
        if (tray != null) {
            tray.close();
        }
        if (busNotifications != null) {
            busNotifications.close();
        }
        if (meter instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, () -> "closing the network meter: " + e);
            }
        }
        if (model != null) {
            model.close();
        }
        if (modelThread != null) {
            modelThread.shutdownNow();
        }
        if (shell != null) {
            shell.dispose();
        }
        instance.close();
    }

    private static Settings loadSettings() throws IOException {
        Path file = Settings.defaultFile();
        try {
            Settings settings = Settings.load(file);
            settings.problems().forEach(problem -> LOG.log(Level.WARNING, "settings: " + problem));
            return settings;
        } catch (IOException e) {
            throw new IOException(DesktopMessages.get("settings.unreadable", file, e.getMessage()), e);
        }
    }

    private static TrayOptions trayOptions(Map<String, String> env) {
        TrayOptions tray = TrayOptions.defaults().withBusAddress(env.get("DBUS_SESSION_BUS_ADDRESS"));
        // Set by the launcher when running from a build tree, whose icons are not installed.
        String theme = System.getProperty("upswap.iconTheme");
        return theme == null || theme.isBlank() ? tray : tray.withIconThemePath(Path.of(theme));
    }

    /** The desktop's notification server if the session has a bus, else the window's own popups. */
    private NoticeSink notices(Map<String, String> env) {
        NoticeSink inApp = new InAppNotices(shell.inApp());
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            LOG.log(Level.INFO, "notifications: no session bus; notices show in the window");
            return inApp;
        }
        try {
            busNotifications = SessionBusNotifications.connect(address, inApp);
            return busNotifications.sink();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.WARNING, "notifications: cannot reach the session bus (" + e.getMessage()
                    + "); notices show in the window");
            return inApp;
        }
    }
}
