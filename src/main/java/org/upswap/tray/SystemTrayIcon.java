// The tray as an AWT TrayIcon (XEmbed), for panels without a
// StatusNotifier host: the same icon, a one-line tooltip and a popup menu
// with the same entries. AWT wants its components touched on its event
// thread, so every change is handed over with EventQueue.invokeLater.
package org.upswap.tray;

import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

final class SystemTrayIcon implements TrayFrontEnd {

    private final TrayIcons icons;
    private final Consumer<MenuCommand> commands;
    // Touched on the AWT event thread only.
    private final Map<Integer, MenuItem> items = new HashMap<>();
    private TrayIcon icon;
    private TrayLook shown;

    private SystemTrayIcon(TrayIcons icons, Consumer<MenuCommand> commands) {
        this.icons = icons;
        this.commands = commands;
    }

    /** Whether AWT can show a tray icon here: a display, and a tray on it. */
    static boolean supported() {
        // isHeadless first: SystemTray must not even be asked without a display.
        return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
    }

    /**
     * Adds the icon to the system tray, waiting for the AWT thread to do it.
     *
     * @throws AWTException if the tray refuses it (or has gone meanwhile)
     */
    static SystemTrayIcon start(TrayIcons icons, TrayLook initial, Consumer<MenuCommand> commands)
            throws AWTException {
        SystemTrayIcon tray = new SystemTrayIcon(icons, commands);
        if (EventQueue.isDispatchThread()) {
            tray.create(initial);
            return tray;
        }
        AWTException[] refused = new AWTException[1];
        try {
            EventQueue.invokeAndWait(() -> {
                try {
                    tray.create(initial);
                } catch (AWTException e) {
                    refused[0] = e;
                }
            });
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("adding the AWT tray icon: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding the AWT tray icon", e);
        }
        if (refused[0] != null) {
            throw refused[0];
        }
        return tray;
    }

    @Override
    public void show(TrayLook look) {
        EventQueue.invokeLater(() -> apply(look));
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }

    private void create(TrayLook look) throws AWTException {
        TrayIcon created = new TrayIcon(picture(look), toolTip(look), new PopupMenu());
        // Scaling a near size is better than AWT cropping or padding it.
        created.setImageAutoSize(true);
        created.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getButton() == MouseEvent.BUTTON1) {
                    commands.accept(MenuCommand.SHOW_UPDATES);
                }
            }
        });
        SystemTray.getSystemTray().add(created);
        icon = created;
        shown = look;
        fillMenu(look.menu());
    }

    private void apply(TrayLook look) {
        if (icon == null) {
            return;
        }
        if (look.state() != shown.state()) {
            icon.setImage(picture(look));
        }
        icon.setToolTip(toolTip(look));
        if (!look.menu().equals(shown.menu())) {
            fillMenu(look.menu());
        }
        shown = look;
    }

    /** AWT menu items cannot hide, so the popup is refilled with the visible entries. */
    private void fillMenu(List<MenuEntry> entries) {
        PopupMenu popup = icon.getPopupMenu();
        popup.removeAll();
        for (MenuEntry entry : entries) {
            if (!entry.visible()) {
                continue;
            }
            if (entry.isSeparator()) {
                popup.addSeparator();
                continue;
            }
            MenuItem item = items.computeIfAbsent(entry.id(), id -> {
                MenuItem created = new MenuItem();
                created.addActionListener(e -> commands.accept(entry.command()));
                return created;
            });
            item.setLabel(Mnemonics.strip(entry.label()));
            item.setEnabled(entry.enabled());
            popup.add(item);
        }
    }

    private Image picture(TrayLook look) {
        Dimension size = SystemTray.getSystemTray().getTrayIconSize();
        return icons.closest(look.state(), Math.max(size.width, size.height));
    }

    private static String toolTip(TrayLook look) {
        return TrayMessages.get("awt.toolTip", TrayLook.title(), look.summary());
    }
}
