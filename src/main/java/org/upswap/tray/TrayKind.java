// The kinds of tray icon upswap can show, from best to none.
package org.upswap.tray;

public enum TrayKind {
    /** An org.kde.StatusNotifierItem on the session bus with a com.canonical.dbusmenu menu. */
    STATUS_NOTIFIER,
    /** java.awt.SystemTray: an XEmbed icon, for panels that host only those. */
    SYSTEM_TRAY,
    /** No icon at all: the app shell keeps its window open instead. */
    NONE
}
