// Whether a download started now needs the user's explicit yes first: on a
// metered connection, when the settings say to ask (the default). Every way
// to start an update (the window's buttons, the tray's Update all, a
// notification's Update now) goes through the question when it applies.
package org.upswap.app;

import java.util.Objects;

public interface DownloadGate {

    /** Never asks. */
    DownloadGate OPEN = () -> false;

    boolean askFirst();

    /** Asks on a metered connection unless the user chose to download anyway. */
    static DownloadGate metered(Settings settings, NetworkMeter meter) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(meter, "meter");
        return () -> settings.meteredPolicy() == MeteredPolicy.ASK_FIRST && meter.metered();
    }
}
