// The children of a dbusmenu layout as a host reads them off the bus (each
// a variant holding an (ia{sv}av) struct), flattened into id and plain
// property values for assertions.
package org.upswap.tray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;
import org.upswap.tray.dbus.MenuLayout;

record MenuItems(List<Item> items) {

    record Item(int id, Map<String, Object> properties) {

        Object get(String name) {
            return properties.get(name);
        }
    }

    static MenuItems of(MenuLayout root) {
        List<Item> items = new ArrayList<>();
        for (Variant<?> child : root.children) {
            Object[] node = (Object[]) child.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> properties = (Map<String, Variant<?>>) node[1];
            items.add(new Item((Integer) node[0], plain(properties)));
        }
        return new MenuItems(items);
    }

    static Map<String, Object> plain(Map<String, Variant<?>> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((name, value) -> values.put(name, value.getValue()));
        return values;
    }

    Item item(int id) {
        return items.stream().filter(i -> i.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + id + " in " + items));
    }

    /** The labels of the visible entries, separators as "---". */
    List<String> visibleLabels() {
        return items.stream()
                .filter(i -> !Boolean.FALSE.equals(i.get("visible")))
                .map(i -> "separator".equals(i.get("type")) ? "---" : (String) i.get("label"))
                .toList();
    }
}
