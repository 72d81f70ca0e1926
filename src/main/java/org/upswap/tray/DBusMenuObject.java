// The object upswap exports at /MenuBar: the tray menu as a
// com.canonical.dbusmenu tree (a root, id 0, with the entries as its
// children), the clicks hosts send back, and the signals that tell them the
// menu changed. Each version of the menu is one immutable MenuState swapped
// in whole, so the bus threads answering GetLayout never see half a change.
package org.upswap.tray;

import java.awt.ComponentOrientation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.errors.InvalidMethodArgument;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownInterface;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.upswap.tray.dbus.AboutToShowGroupReply;
import org.upswap.tray.dbus.DBusMenu;
import org.upswap.tray.dbus.LayoutReply;
import org.upswap.tray.dbus.MenuEvent;
import org.upswap.tray.dbus.MenuItemProperties;
import org.upswap.tray.dbus.MenuItemRemovedProperties;
import org.upswap.tray.dbus.MenuLayout;

final class DBusMenuObject implements DBusMenu, Properties {

    /** The dbusmenu protocol version whose layout and properties this object speaks. */
    private static final long VERSION = 3;
    private static final int ROOT = 0;

    private final Consumer<DBusSignal> signals;
    private final Consumer<MenuCommand> commands;
    private final byte[] shieldPng;
    private final Map<String, Variant<?>> ownProperties;
    private volatile MenuState state;

    /**
     * @param signals sends a signal on the bus
     * @param commands runs what a click asks for (hands it to the tray thread)
     */
    DBusMenuObject(TrayIcons icons, TrayOptions options, List<MenuEntry> initial,
                   Consumer<DBusSignal> signals, Consumer<MenuCommand> commands) {
        this.signals = signals;
        this.commands = commands;
        this.shieldPng = icons.shieldPng();
        this.state = new MenuState(1, initial, itemProperties(initial));
        Map<String, Variant<?>> own = new LinkedHashMap<>();
        own.put("Version", new Variant<>(new UInt32(VERSION)));
        own.put("TextDirection", new Variant<>(
                ComponentOrientation.getOrientation(Locale.getDefault()).isLeftToRight() ? "ltr" : "rtl"));
        // "notice" would ask hosts to draw attention to the menu itself; the icon does that.
        own.put("Status", new Variant<>("normal"));
        own.put("IconThemePath", new Variant<>(options.iconThemePath() == null ? List.of()
                : List.of(options.iconThemePath().toAbsolutePath().toString()), "as"));
        this.ownProperties = Collections.unmodifiableMap(own);
    }

    /**
     * Publishes {@code entries} if they differ from the menu shown. Hosts that
     * keep a menu open patch it from ItemsPropertiesUpdated; LayoutUpdated
     * follows for hosts that only ever re-read the whole layout.
     */
    void show(List<MenuEntry> entries) {
        MenuState before = state;
        if (before.entries().equals(entries)) {
            return;
        }
        MenuState after = new MenuState(before.revision() + 1, entries, itemProperties(entries));
        state = after;
        List<MenuItemProperties> updated = new ArrayList<>();
        List<MenuItemRemovedProperties> removed = new ArrayList<>();
        for (MenuEntry entry : entries) {
            MenuEntry old = before.entry(entry.id());
            if (entry.equals(old)) {
                continue;
            }
            Map<String, Variant<?>> now = after.properties().get(entry.id());
            updated.add(new MenuItemProperties(entry.id(), now));
            List<String> gone = new ArrayList<>(before.properties().getOrDefault(entry.id(), Map.of()).keySet());
            gone.removeAll(now.keySet());
            if (!gone.isEmpty()) {
                removed.add(new MenuItemRemovedProperties(entry.id(), gone));
            }
        }
        send(() -> new ItemsPropertiesUpdated(OBJECT_PATH, updated, removed));
        send(() -> new LayoutUpdated(OBJECT_PATH, new UInt32(after.revision()), ROOT));
    }

    // ---- com.canonical.dbusmenu ----------------------------------------------

    @Override
    public LayoutReply<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        MenuState menu = state;
        Map<String, Variant<?>> properties = menu.propertiesOf(parentId);
        List<Variant<?>> children = new ArrayList<>();
        if (parentId == ROOT && recursionDepth != 0) {
            for (MenuEntry entry : menu.entries()) {
                MenuLayout child = new MenuLayout(entry.id(),
                        selected(menu.propertiesOf(entry.id()), propertyNames), List.of());
                children.add(new Variant<>(child, MenuLayout.SIGNATURE));
            }
        }
        return new LayoutReply<>(new UInt32(menu.revision()),
                new MenuLayout(parentId, selected(properties, propertyNames), children));
    }

    @Override
    public List<MenuItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        MenuState menu = state;
        List<Integer> wanted = ids.isEmpty() ? menu.ids() : ids;
        List<MenuItemProperties> found = new ArrayList<>();
        for (int id : wanted) {
            Map<String, Variant<?>> properties = menu.properties().get(id);
            // Unknown ids are left out, as the specification asks.
            if (properties != null) {
                found.add(new MenuItemProperties(id, selected(properties, propertyNames)));
            }
        }
        return found;
    }

    @Override
    public Variant<?> GetProperty(int id, String name) {
        Variant<?> value = state.propertiesOf(id).get(name);
        if (value == null) {
            throw new UnknownProperty("menu item " + id + " has no property " + name);
        }
        return value;
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        MenuState menu = state;
        if (!menu.properties().containsKey(id)) {
            throw new InvalidMethodArgument("no menu item " + id);
        }
        clicked(menu, id, eventId);
    }

    @Override
    public List<Integer> EventGroup(List<MenuEvent> events) {
        MenuState menu = state;
        List<Integer> unknown = new ArrayList<>();
        for (MenuEvent event : events) {
            if (menu.properties().containsKey(event.id)) {
                clicked(menu, event.id, event.eventId);
            } else {
                unknown.add(event.id);
            }
        }
        return unknown;
    }

    /** The menu is always current: nothing to fetch before it opens. */
    @Override
    public boolean AboutToShow(int id) {
        if (!state.properties().containsKey(id)) {
            throw new InvalidMethodArgument("no menu item " + id);
        }
        return false;
    }

    @Override
    public AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        MenuState menu = state;
        List<Integer> unknown = ids.stream().filter(id -> !menu.properties().containsKey(id)).toList();
        return new AboutToShowGroupReply<>(List.of(), unknown);
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    // ---- org.freedesktop.DBus.Properties -------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        requireOurs(interfaceName);
        return (A) ownProperties.get(propertyName);
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        requireOurs(interfaceName);
        return ownProperties;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new PropertyReadOnly(propertyName + " is read-only");
    }

    // ---- helpers --------------------------------------------------------------

    /** Runs the entry's command for a click; hovering, opening and closing need nothing. */
    private void clicked(MenuState menu, int id, String eventId) {
        MenuEntry entry = menu.entry(id);
        if ("clicked".equals(eventId) && entry != null && entry.clickable()) {
            commands.accept(entry.command());
        }
    }

    private static void requireOurs(String interfaceName) {
        if (!interfaceName.isEmpty() && !INTERFACE.equals(interfaceName)) {
            throw new UnknownInterface("no properties for " + interfaceName);
        }
    }

    private static Map<String, Variant<?>> selected(Map<String, Variant<?>> properties, List<String> names) {
        if (names.isEmpty()) {
            return properties;
        }
        Map<String, Variant<?>> some = new LinkedHashMap<>(properties);
        some.keySet().retainAll(names);
        return some;
    }

    /** Every item's properties by id, the root's included. */
    private Map<Integer, Map<String, Variant<?>>> itemProperties(List<MenuEntry> entries) {
        Map<Integer, Map<String, Variant<?>>> all = new LinkedHashMap<>();
        all.put(ROOT, Map.of("children-display", new Variant<>("submenu")));
        for (MenuEntry entry : entries) {
            all.put(entry.id(), itemProperties(entry));
        }
        return Collections.unmodifiableMap(all);
    }

    private Map<String, Variant<?>> itemProperties(MenuEntry entry) {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        if (entry.isSeparator()) {
            p.put("type", new Variant<>("separator"));
        } else {
            p.put("label", new Variant<>(entry.label()));
            p.put("enabled", new Variant<>(entry.enabled()));
        }
        p.put("visible", new Variant<>(entry.visible()));
        if (entry.needsAuthentication()) {
            // PNG bytes rather than an icon name: shown even where upswap's
            // icon theme is not installed.
            p.put("icon-data", new Variant<>(shieldPng, "ay"));
        }
        return Collections.unmodifiableMap(p);
    }

    private void send(SignalFactory signal) {
        try {
            signals.accept(signal.create());
        } catch (DBusException e) {
            // Only a malformed path or signature fails here, and ours are constants.
            throw new IllegalStateException("building a dbusmenu signal: " + e.getMessage(), e);
        }
    }

    /** A signal's constructor, which declares DBusException. */
    @FunctionalInterface
    private interface SignalFactory {
        DBusSignal create() throws DBusException;
    }

    /** One version of the menu: its revision, entries and the properties hosts see. */
    private record MenuState(long revision, List<MenuEntry> entries, Map<Integer, Map<String, Variant<?>>> properties) {

        MenuEntry entry(int id) {
            return entries.stream().filter(e -> e.id() == id).findFirst().orElse(null);
        }

        List<Integer> ids() {
            return List.copyOf(properties.keySet());
        }

        Map<String, Variant<?>> propertiesOf(int id) {
            Map<String, Variant<?>> found = properties.get(id);
            if (found == null) {
                throw new InvalidMethodArgument("no menu item " + id);
            }
            return found;
        }
    }
}
