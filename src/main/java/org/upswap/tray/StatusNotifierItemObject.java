// The object upswap exports at /StatusNotifierItem: the icon's properties
// for the host to read, the clicks it reports, and the New* signals that
// tell it what to read again. Properties are one immutable map swapped per
// look, so the bus threads reading them never see half an update.
package org.upswap.tray;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownInterface;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.upswap.app.AppState;
import org.upswap.tray.dbus.DBusMenu;
import org.upswap.tray.dbus.IconPixmap;
import org.upswap.tray.dbus.StatusNotifierItem;
import org.upswap.tray.dbus.ToolTip;

final class StatusNotifierItemObject implements StatusNotifierItem, Properties {

    private static final String PIXMAPS = "a(iiay)";
    private static final String TOOL_TIP = "(sa(iiay)ss)";

    private final Consumer<DBusSignal> signals;
    private final Consumer<MenuCommand> commands;
    private final Map<AppState, List<IconPixmap>> pixmaps = new EnumMap<>(AppState.class);
    private final boolean symbolic;
    private final String iconThemePath;
    /** Touched on the tray thread only. */
    private TrayLook shown;
    private volatile Map<String, Variant<?>> properties;

    /**
     * @param signals sends a signal on the bus
     * @param commands runs what a click asks for (hands it to the tray thread)
     */
    StatusNotifierItemObject(TrayIcons icons, TrayOptions options, TrayLook initial,
                             Consumer<DBusSignal> signals, Consumer<MenuCommand> commands) {
        this.signals = signals;
        this.commands = commands;
        this.symbolic = options.symbolicIcons();
        Path themes = options.iconThemePath();
        this.iconThemePath = themes == null ? "" : themes.toAbsolutePath().toString();
        for (AppState state : AppState.values()) {
            pixmaps.put(state, IconPixmaps.of(icons.images(state)));
        }
        this.shown = initial;
        this.properties = properties(initial);
    }

    /** Publishes {@code look} and signals each group of properties that changed. */
    void show(TrayLook look) {
        TrayLook before = shown;
        shown = look;
        properties = properties(look);
        if (before.state() != look.state()) {
            send(() -> new NewIcon(OBJECT_PATH));
            send(() -> new NewAttentionIcon(OBJECT_PATH));
        }
        if (before.state() != look.state() || !before.summary().equals(look.summary())) {
            send(() -> new NewToolTip(OBJECT_PATH));
        }
        if (before.status() != look.status()) {
            send(() -> new NewStatus(OBJECT_PATH, look.status().busName()));
        }
    }

    // ---- org.kde.StatusNotifierItem ------------------------------------------

    @Override
    public void Activate(int x, int y) {
        commands.accept(MenuCommand.SHOW_UPDATES);
    }

    /** A middle click checks for updates: the updater's natural second action, and harmless by accident. */
    @Override
    public void SecondaryActivate(int x, int y) {
        commands.accept(MenuCommand.CHECK_NOW);
    }

    /**
     * Only hosts that cannot draw the exported menu call this; upswap has no
     * menu of its own to pop up outside the window, so it shows the window,
     * which offers every entry.
     */
    @Override
    public void ContextMenu(int x, int y) {
        commands.accept(MenuCommand.SHOW_UPDATES);
    }

    @Override
    public void Scroll(int delta, String orientation) {
        // Nothing to scroll through.
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
        // null makes dbus-java answer with an unknown-property error.
        return (A) properties.get(propertyName);
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        requireOurs(interfaceName);
        return properties;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new PropertyReadOnly(propertyName + " is read-only");
    }

    /** The empty name means "whichever interface has it" (D-Bus spec). */
    private static void requireOurs(String interfaceName) {
        if (!interfaceName.isEmpty() && !INTERFACE.equals(interfaceName)) {
            throw new UnknownInterface("no properties for " + interfaceName);
        }
    }

    private Map<String, Variant<?>> properties(TrayLook look) {
        String icon = TrayIcons.name(look.state(), symbolic);
        Variant<?> pictures = new Variant<>(pixmaps.get(look.state()), PIXMAPS);
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Category", new Variant<>("ApplicationStatus"));
        p.put("Id", new Variant<>("upswap"));
        p.put("Title", new Variant<>(TrayLook.title()));
        p.put("Status", new Variant<>(look.status().busName()));
        p.put("WindowId", new Variant<>(0));
        p.put("IconThemePath", new Variant<>(iconThemePath));
        p.put("IconName", new Variant<>(icon));
        p.put("IconPixmap", pictures);
        p.put("OverlayIconName", new Variant<>(""));
        p.put("OverlayIconPixmap", new Variant<>(List.of(), PIXMAPS));
        // The state's icon is already as urgent as it gets; hosts that swap in
        // the attention icon for NeedsAttention show the same picture.
        p.put("AttentionIconName", new Variant<>(icon));
        p.put("AttentionIconPixmap", pictures);
        p.put("AttentionMovieName", new Variant<>(""));
        // Name only: hosts draw tooltip icons rarely, and a tooltip is re-read
        // on every progress step of a download.
        p.put("ToolTip", new Variant<>(new ToolTip(icon, List.of(), TrayLook.title(), markupEscaped(look.summary())),
                TOOL_TIP));
        p.put("ItemIsMenu", new Variant<>(false));
        p.put("Menu", new Variant<>(new DBusPath(DBusMenu.OBJECT_PATH)));
        return Collections.unmodifiableMap(p);
    }

    /** Hosts may render the description as markup; a helper's message is plain text. */
    private static String markupEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void send(SignalFactory signal) {
        try {
            signals.accept(signal.create());
        } catch (DBusException e) {
            // Only a malformed path or signature fails here, and ours are constants.
            throw new IllegalStateException("building a StatusNotifierItem signal: " + e.getMessage(), e);
        }
    }

    /** A signal's constructor, which declares DBusException. */
    @FunctionalInterface
    private interface SignalFactory {
        DBusSignal create() throws DBusException;
    }
}
