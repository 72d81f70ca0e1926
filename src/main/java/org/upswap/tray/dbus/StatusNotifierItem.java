// The org.kde.StatusNotifierItem interface: a tray icon as an object on the
// session bus (the freedesktop StatusNotifierItem specification, under the
// interface name that KDE Plasma, xfce4-panel, GNOME's AppIndicator
// extension and the other hosts actually use). The host reads the
// properties through org.freedesktop.DBus.Properties, calls the methods on
// clicks and re-reads a property group when one of the signals arrives.
// D-Bus member names are the Java method and signal class names, hence the
// capitals.
package org.upswap.tray.dbus;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

@DBusInterfaceName(StatusNotifierItem.INTERFACE)
@DBusProperty(name = "Category", type = String.class, access = Access.READ)
@DBusProperty(name = "Id", type = String.class, access = Access.READ)
@DBusProperty(name = "Title", type = String.class, access = Access.READ)
@DBusProperty(name = "Status", type = String.class, access = Access.READ)
@DBusProperty(name = "WindowId", type = Integer.class, access = Access.READ)
@DBusProperty(name = "IconThemePath", type = String.class, access = Access.READ)
@DBusProperty(name = "IconName", type = String.class, access = Access.READ)
@DBusProperty(name = "IconPixmap", type = StatusNotifierItem.Pixmaps.class, access = Access.READ)
@DBusProperty(name = "OverlayIconName", type = String.class, access = Access.READ)
@DBusProperty(name = "OverlayIconPixmap", type = StatusNotifierItem.Pixmaps.class, access = Access.READ)
@DBusProperty(name = "AttentionIconName", type = String.class, access = Access.READ)
@DBusProperty(name = "AttentionIconPixmap", type = StatusNotifierItem.Pixmaps.class, access = Access.READ)
@DBusProperty(name = "AttentionMovieName", type = String.class, access = Access.READ)
@DBusProperty(name = "ToolTip", type = ToolTip.class, access = Access.READ)
@DBusProperty(name = "ItemIsMenu", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "Menu", type = DBusPath.class, access = Access.READ)
public interface StatusNotifierItem extends DBusInterface {

    String INTERFACE = "org.kde.StatusNotifierItem";
    String OBJECT_PATH = "/StatusNotifierItem";
    /** An item's bus name is this, the process id, a dash and a number unique within the process. */
    String BUS_NAME_PREFIX = "org.kde.StatusNotifierItem-";

    /** Primary click (usually left) at screen position x, y: show the main window. */
    void Activate(int x, int y);

    /** Secondary click (usually middle). */
    void SecondaryActivate(int x, int y);

    /** The host wants the item to show its own context menu (hosts that cannot show Menu). */
    void ContextMenu(int x, int y);

    /** Mouse wheel over the item; orientation is "vertical" or "horizontal". */
    void Scroll(int delta, String orientation);

    /** The Java type behind a(iiay), for introspection. */
    interface Pixmaps extends TypeRef<List<IconPixmap>> {
    }

    /** IconName and IconPixmap changed. */
    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** AttentionIconName and AttentionIconPixmap changed. */
    class NewAttentionIcon extends DBusSignal {
        public NewAttentionIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** ToolTip changed. */
    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    /** Status changed; the new value comes along. */
    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
