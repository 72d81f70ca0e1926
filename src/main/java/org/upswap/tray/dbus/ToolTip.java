// A StatusNotifierItem's tooltip, signature (sa(iiay)ss): icon name, icon
// pixmaps, title and a description (which hosts may render as simple
// markup).
package org.upswap.tray.dbus;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

public final class ToolTip extends Struct {

    @Position(0)
    public final String iconName;
    @Position(1)
    public final List<IconPixmap> iconPixmaps;
    @Position(2)
    public final String title;
    @Position(3)
    public final String description;

    public ToolTip(String iconName, List<IconPixmap> iconPixmaps, String title, String description) {
        this.iconName = iconName;
        this.iconPixmaps = iconPixmaps;
        this.title = title;
        this.description = description;
    }
}
