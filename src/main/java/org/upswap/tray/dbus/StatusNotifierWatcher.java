// The org.kde.StatusNotifierWatcher interface: the one service per session
// (usually the panel) that StatusNotifierItems register with and hosts learn
// about them from. upswap calls it; the tests implement it.
package org.upswap.tray.dbus;

import java.util.List;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;

@DBusInterfaceName(StatusNotifierWatcher.INTERFACE)
@DBusProperty(name = "RegisteredStatusNotifierItems", type = StatusNotifierWatcher.Names.class, access = Access.READ)
@DBusProperty(name = "IsStatusNotifierHostRegistered", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "ProtocolVersion", type = Integer.class, access = Access.READ)
public interface StatusNotifierWatcher extends DBusInterface {

    String INTERFACE = "org.kde.StatusNotifierWatcher";
    /** The well-known name the watcher owns, the same as its interface. */
    String BUS_NAME = INTERFACE;
    String OBJECT_PATH = "/StatusNotifierWatcher";

    /** @param service the item's bus name (its object is then at /StatusNotifierItem) */
    void RegisterStatusNotifierItem(String service);

    void RegisterStatusNotifierHost(String service);

    /** The Java type behind as, for introspection. */
    interface Names extends TypeRef<List<String>> {
    }
}
