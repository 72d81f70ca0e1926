// How much a state asks for the user's attention, in StatusNotifierItem's
// terms. Hosts may hide Passive items (Plasma moves them into its overflow,
// GNOME's AppIndicator extension drops them) and make NeedsAttention ones
// stand out.
package org.upswap.tray;

import org.upswap.app.AppSnapshot;
import org.upswap.app.TargetView;

enum ItemStatus {
    PASSIVE("Passive"),
    ACTIVE("Active"),
    NEEDS_ATTENTION("NeedsAttention");

    private final String busName;

    ItemStatus(String busName) {
        this.busName = busName;
    }

    /** The value of the Status property. */
    String busName() {
        return busName;
    }

    static ItemStatus of(AppSnapshot snapshot) {
        return switch (snapshot.state()) {
            // Something the user has to act on: a failure, or programs still
            // running binaries that were replaced under them.
            case ERROR, RESTART_NEEDED -> NEEDS_ATTENTION;
            case UPDATE_AVAILABLE -> snapshot.withUpdates().stream().anyMatch(TargetView::critical)
                    ? NEEDS_ATTENTION : ACTIVE;
            // Paused stays visible: the icon is the reminder, and the way back.
            case DISCONNECTED, WORKING, PAUSED -> ACTIVE;
            // Nothing to do: fine for a host to tuck the icon away.
            case UP_TO_DATE -> PASSIVE;
        };
    }
}
