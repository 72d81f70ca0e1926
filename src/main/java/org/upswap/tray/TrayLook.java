// Everything the tray shows for one snapshot, worked out once and shared by
// both kinds of icon: the state (which picks the icon), how urgent it is,
// the tooltip's line and the menu. A value, so a front-end can compare it
// with what it shows and send only what changed.
package org.upswap.tray;

import java.util.List;
import org.upswap.app.AppSnapshot;
import org.upswap.app.AppState;

record TrayLook(AppState state, ItemStatus status, String summary, List<MenuEntry> menu) {

    TrayLook {
        menu = List.copyOf(menu);
    }

    static TrayLook of(AppSnapshot snapshot) {
        return new TrayLook(snapshot.state(), ItemStatus.of(snapshot), TraySummary.of(snapshot),
                TrayMenu.of(snapshot));
    }

    /** The tooltip's title (and the item's Title). */
    static String title() {
        return TrayMessages.get("title");
    }
}
