// One node of a com.canonical.dbusmenu layout, signature (ia{sv}av): the
// item's id, its properties and its children, each child again a
// (ia{sv}av) wrapped in a variant (the format is recursive).
package org.upswap.tray.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.Variant;

public final class MenuLayout extends Struct {

    /** The D-Bus signature of a layout node, which a child's variant must carry. */
    public static final String SIGNATURE = "(ia{sv}av)";

    @Position(0)
    public final int id;
    @Position(1)
    public final Map<String, Variant<?>> properties;
    @Position(2)
    public final List<Variant<?>> children;

    public MenuLayout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
        this.id = id;
        this.properties = properties;
        this.children = children;
    }
}
