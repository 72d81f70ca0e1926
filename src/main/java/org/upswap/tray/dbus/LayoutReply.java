// What com.canonical.dbusmenu GetLayout returns: the layout's revision (u)
// and the requested part of it ((ia{sv}av)). Type parameters rather than
// the concrete types because dbus-java reads a tuple's D-Bus signature
// from the method's generic return type: GetLayout declares
// LayoutReply<UInt32, MenuLayout>.
package org.upswap.tray.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

public final class LayoutReply<R, L> extends Tuple {

    @Position(0)
    public final R revision;
    @Position(1)
    public final L layout;

    public LayoutReply(R revision, L layout) {
        this.revision = revision;
        this.layout = layout;
    }
}
