// A menu item's id with the names of properties it no longer has (so they
// are back at their defaults), signature (ias), in ItemsPropertiesUpdated.
package org.upswap.tray.dbus;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

public final class MenuItemRemovedProperties extends Struct {

    @Position(0)
    public final int id;
    @Position(1)
    public final List<String> names;

    public MenuItemRemovedProperties(int id, List<String> names) {
        this.id = id;
        this.names = names;
    }
}
