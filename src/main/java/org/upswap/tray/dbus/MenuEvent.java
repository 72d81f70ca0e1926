// One event of a com.canonical.dbusmenu EventGroup call, signature (isvu):
// item id, event ("clicked", "hovered", "opened", "closed"), event data and
// the X timestamp of the user action.
package org.upswap.tray.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

public final class MenuEvent extends Struct {

    @Position(0)
    public final int id;
    @Position(1)
    public final String eventId;
    @Position(2)
    public final Variant<?> data;
    @Position(3)
    public final UInt32 timestamp;

    public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        this.id = id;
        this.eventId = eventId;
        this.data = data;
        this.timestamp = timestamp;
    }
}
