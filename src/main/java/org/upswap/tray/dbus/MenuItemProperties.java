// A menu item's id with some of its properties, signature (ia{sv}), as
// GetGroupProperties answers and ItemsPropertiesUpdated announces.
package org.upswap.tray.dbus;

import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.Variant;

public final class MenuItemProperties extends Struct {

    @Position(0)
    public final int id;
    @Position(1)
    public final Map<String, Variant<?>> properties;

    public MenuItemProperties(int id, Map<String, Variant<?>> properties) {
        this.id = id;
        this.properties = properties;
    }
}
