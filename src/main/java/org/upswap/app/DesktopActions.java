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

    /** Closes the tray, the window and the connection, and exits. */
    void quit();
}
