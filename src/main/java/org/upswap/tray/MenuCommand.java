// What a tray menu entry (or a click on the icon) asks for.
package org.upswap.tray;

enum MenuCommand {
    CHECK_NOW,
    SHOW_UPDATES,
    UPDATE_ALL,
    PAUSE,
    RESUME,
    SETTINGS,
    QUIT
}
