// The tray menu for a snapshot: Check now, Show updates…, Update all (N),
// Pause updates / Resume updates, Settings…, a separator and Quit. Entries
// that reach the helper are enabled only when it is connected and lets this
// user do them at all; those it would ask a password for carry a shield.
package org.upswap.tray;

import java.util.List;
import org.upswap.app.AppSnapshot;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;

final class TrayMenu {

    // Ids are fixed: hosts keep them between layouts, and item 0 is the root.
    static final int CHECK_NOW = 1;
    static final int SHOW_UPDATES = 2;
    static final int UPDATE_ALL = 3;
    static final int PAUSE = 4;
    static final int RESUME = 5;
    static final int SETTINGS = 6;
    static final int SEPARATOR = 7;
    static final int QUIT = 8;

    private TrayMenu() {
    }

    static List<MenuEntry> of(AppSnapshot snapshot) {
        int updates = snapshot.withUpdates().size();
        Permission check = snapshot.connected() ? snapshot.permission(Action.CHECK) : Permission.NO;
        Permission update = snapshot.connected() ? snapshot.permission(Action.UPDATE) : Permission.NO;
        String updateAll = updates > 0
                ? TrayMessages.get("menu.updateAllCount", updates)
                : TrayMessages.get("menu.updateAll");
        return List.of(
                new MenuEntry(CHECK_NOW, MenuCommand.CHECK_NOW, TrayMessages.get("menu.checkNow"),
                        check != Permission.NO, true, check == Permission.AUTH),
                entry(SHOW_UPDATES, MenuCommand.SHOW_UPDATES, "menu.showUpdates", true),
                new MenuEntry(UPDATE_ALL, MenuCommand.UPDATE_ALL, updateAll,
                        updates > 0 && update != Permission.NO, true, update == Permission.AUTH),
                entry(PAUSE, MenuCommand.PAUSE, "menu.pause", !snapshot.paused()),
                entry(RESUME, MenuCommand.RESUME, "menu.resume", snapshot.paused()),
                entry(SETTINGS, MenuCommand.SETTINGS, "menu.settings", true),
                MenuEntry.separator(SEPARATOR),
                entry(QUIT, MenuCommand.QUIT, "menu.quit", true));
    }

    private static MenuEntry entry(int id, MenuCommand command, String labelKey, boolean visible) {
        return new MenuEntry(id, command, TrayMessages.get(labelKey), true, visible, false);
    }
}
