// The one-word state of upswap as the tray icon shows it, most urgent first.
package org.upswap.app;

public enum AppState {
    /** The helper cannot be reached. */
    DISCONNECTED,
    /** A check, download or install is under way. */
    WORKING,
    /** The last check or job of some target failed. */
    ERROR,
    /** Updated binaries are installed but processes still run the old ones. */
    RESTART_NEEDED,
    /** A newer version is offered for some target. */
    UPDATE_AVAILABLE,
    /** The user paused update notifications. */
    PAUSED,
    /** Everything is installed at its newest version. */
    UP_TO_DATE
}
