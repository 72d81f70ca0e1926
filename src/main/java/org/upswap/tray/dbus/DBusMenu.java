// The com.canonical.dbusmenu interface: a menu exported as a tree of items,
// each an id with a property map (type, label with "_" mnemonics, enabled,
// visible, icon-name, icon-data, ...). The host fetches the tree with
// GetLayout, sends clicks back with Event and refetches after LayoutUpdated
// or patches items after ItemsPropertiesUpdated. Member names are the Java
// names, hence the capitals.
package org.upswap.tray.dbus;

import java.util.List;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

@DBusInterfaceName(DBusMenu.INTERFACE)
@DBusProperty(name = "Version", type = UInt32.class, access = Access.READ)
@DBusProperty(name = "TextDirection", type = String.class, access = Access.READ)
@DBusProperty(name = "Status", type = String.class, access = Access.READ)
@DBusProperty(name = "IconThemePath", type = DBusMenu.Strings.class, access = Access.READ)
public interface DBusMenu extends DBusInterface {

    String INTERFACE = "com.canonical.dbusmenu";
    String OBJECT_PATH = "/MenuBar";

    /**
     * @param parentId the item whose subtree is wanted; 0 is the root
     * @param recursionDepth how many levels of children: -1 all, 0 none
     * @param propertyNames the properties wanted; empty means all
     */
    LayoutReply<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    /** @param ids the items wanted; empty means all */
    List<MenuItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    /** @param eventId "clicked", "hovered", "opened" or "closed" */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** @return the ids of events whose item does not exist */
    List<Integer> EventGroup(List<MenuEvent> events);

    /** The item's submenu is about to be shown; true if its layout must be fetched again first. */
    boolean AboutToShow(int id);

    AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** The Java type behind as, for introspection. */
    interface Strings extends TypeRef<List<String>> {
    }

    /** The layout below {@code parent} changed; the host fetches it again and compares revisions. */
    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }

    /** Properties of existing items changed or went back to their defaults. */
    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<MenuItemProperties> updated;
        public final List<MenuItemRemovedProperties> removed;

        public ItemsPropertiesUpdated(String path, List<MenuItemProperties> updated,
                                      List<MenuItemRemovedProperties> removed) throws DBusException {
            super(path, updated, removed);
            this.updated = updated;
            this.removed = removed;
        }
    }
}
