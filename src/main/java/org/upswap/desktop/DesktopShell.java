// What the tray menu and the notifications ask of the app as a whole, done
// on the JavaFX thread: bring up the update window (built the first time it
// is needed, so an app started into the tray costs no window until then),
// show a target or the settings, update from it (where a metered connection
// is asked about first), pop up an in-app notice, quit.
package org.upswap.desktop;

import java.util.Objects;
import javafx.application.Platform;
import org.upswap.app.DesktopActions;
import org.upswap.app.DownloadGate;
import org.upswap.app.InAppNotifier;
import org.upswap.app.Settings;
import org.upswap.app.UpdatesModel;
import org.upswap.ui.UpdateWindow;

/** Any thread may call it; the window is only touched on the JavaFX thread. */
final class DesktopShell implements DesktopActions {

    private final UpdatesModel model;
    private final Settings settings;
    private final DownloadGate gate;
    /** Created and used on the JavaFX thread only. */
    private UpdateWindow window;

    DesktopShell(UpdatesModel model, Settings settings, DownloadGate gate) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public void showUpdates() {
        Platform.runLater(() -> window().show());
    }

    @Override
    public void showTarget(String target) {
        Platform.runLater(() -> window().showTarget(target));
    }

    @Override
    public void showSettings() {
        Platform.runLater(() -> window().showSettings());
    }

    @Override
    public boolean askBeforeDownloading() {
        return gate.askFirst();
    }

    @Override
    public void updateInWindow(String target) {
        Platform.runLater(() -> window().update(target));
    }

    /** Ends the app: JavaFX stops, and DesktopApp.stop closes the rest. */
    @Override
    public void quit() {
        Platform.runLater(Platform::exit);
    }

    /** Notices shown by the window itself, for desktops without a notification server. */
    InAppNotifier inApp() {
        return (title, body, critical, choices) -> Platform.runLater(
                () -> window().show(title, body, critical, choices));
    }

    /** Closes the window for good, if there is one; on the JavaFX thread. */
    void dispose() {
        if (window != null) {
            window.dispose();
            window = null;
        }
    }

    private UpdateWindow window() {
        if (window == null) {
            window = new UpdateWindow(model, settings, java.util.Locale.getDefault(), gate);
        }
        return window;
    }
}
