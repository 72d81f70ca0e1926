// Which kind of tray to start. StatusNotifierItem first: it is what current
// panels (Plasma, xfce4-panel, GNOME with the AppIndicator extension, waybar)
// show natively, with proper menus and scaling. The AWT tray, XEmbed, only
// where no StatusNotifier host runs: few panels still embed such icons, and
// probing for it starts AWT's X11 toolkit, so it is asked only then.
package org.upswap.tray;

import java.util.function.BooleanSupplier;

final class TrayChooser {

    private TrayChooser() {
    }

    /**
     * @param forced the kind asked for, or null to choose
     * @param hostOnBus whether a StatusNotifierWatcher with a host is on the session bus
     * @param systemTraySupported whether AWT can show a tray icon on this display
     */
    static TrayKind choose(TrayKind forced, BooleanSupplier hostOnBus, BooleanSupplier systemTraySupported) {
        if (forced != null) {
            return forced;
        }
        if (hostOnBus.getAsBoolean()) {
            return TrayKind.STATUS_NOTIFIER;
        }
        if (systemTraySupported.getAsBoolean()) {
            return TrayKind.SYSTEM_TRAY;
        }
        return TrayKind.NONE;
    }
}
