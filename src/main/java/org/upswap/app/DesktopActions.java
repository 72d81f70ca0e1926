// What the tray menu and notification actions can ask of the desktop app as
// a whole. The app shell implements it; the tray and the notifier only call
// it (so they never need the window or each other).
package org.upswap.app;

public interface DesktopActions {

    /** Brings up the update window. */
    void showUpdates();

    /** Brings up the update window with this target selected (its details). */
    void showTarget(String target);

    /** Brings up the settings. */
    void showSettings();

    /**
     * True if a download started now should be confirmed first (a metered
     * connection); then {@link #updateInWindow} rather than the model.
     */
    default boolean askBeforeDownloading() {
        return false;
    }

    /**
     * Brings up the update window and updates {@code target} (every target
     * with an update when null) from there, asking first where the window
     * would ask (a metered connection).
     */
    void updateInWindow(String target);

    /** Closes the tray, the window and the connection, and exits. */
    void quit();
}
