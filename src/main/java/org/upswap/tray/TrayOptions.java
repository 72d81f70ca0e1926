// How the tray starts: which session bus to use, whether to pick the kind of
// icon automatically or force one, where the icon theme lives and whether
// hosts should be offered the one-colour icons.
package org.upswap.tray;

import java.nio.file.Path;

/**
 * @param busAddress the session bus, e.g. {@code unix:path=/run/user/1000/bus};
 *                   null when there is none (then only the AWT tray is possible)
 * @param forced the kind of tray to start whatever the desktop offers, or null
 *               to choose: a StatusNotifierItem if a host is on the bus, else
 *               the AWT tray if the display has one, else none
 * @param iconThemePath a directory holding {@code hicolor/} with upswap's icons,
 *                      for hosts to look names up in when the icons are not
 *                      installed system-wide; null when they are. Hosts that
 *                      find neither use the pixmaps sent along.
 * @param symbolicIcons offer hosts the {@code -symbolic} icon names (one colour,
 *                      recoloured to suit the panel) instead of the coloured ones
 */
public record TrayOptions(String busAddress, TrayKind forced, Path iconThemePath, boolean symbolicIcons) {

    /** The session bus from DBUS_SESSION_BUS_ADDRESS, the kind chosen automatically, coloured icons. */
    public static TrayOptions defaults() {
        return new TrayOptions(System.getenv("DBUS_SESSION_BUS_ADDRESS"), null, null, false);
    }

    public TrayOptions withBusAddress(String address) {
        return new TrayOptions(address, forced, iconThemePath, symbolicIcons);
    }

    /** Starts {@code kind} or fails, instead of choosing (tests, and users who know their desktop). */
    public TrayOptions forcing(TrayKind kind) {
        return new TrayOptions(busAddress, kind, iconThemePath, symbolicIcons);
    }

    public TrayOptions withIconThemePath(Path path) {
        return new TrayOptions(busAddress, forced, path, symbolicIcons);
    }

    public TrayOptions withSymbolicIcons(boolean symbolic) {
        return new TrayOptions(busAddress, forced, iconThemePath, symbolic);
    }
}
