// The AWT fallback icon on a real display with a system tray (for example
// xfce4-panel under Xvfb); skipped where there is none, as in headless CI.
// It checks what AWT was given: the tooltip, the popup's entries and what a
// chosen entry does.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.tray.TraySnapshots.connected;
import static org.upswap.tray.TraySnapshots.offering;
import static org.upswap.tray.TraySnapshots.paused;

import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ActionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SystemTrayIconTest {

    private static Locale locale;

    private final List<MenuCommand> commands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void needsASystemTray() {
        Assumptions.assumeTrue(SystemTrayIcon.supported(), "needs a display with a system tray");
        locale = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterAll
    static void restoreLocale() {
        if (locale != null) {
            Locale.setDefault(locale);
        }
    }

    @Test
    void theIconCarriesTheSummaryAndTheVisibleEntries() throws Exception {
        SystemTrayIcon tray = SystemTrayIcon.start(TrayIcons.load(),
                TrayLook.of(connected(offering("a", "2"), offering("b", "3"))), commands::add);
        try {
            TrayIcon icon = onlyIcon();
            assertThat(onAwt(icon::getToolTip)).isEqualTo("upswap — 2 updates available");
            assertThat(labels(icon.getPopupMenu())).containsExactly("Check now", "Show updates…", "Update all (2)",
                    "Pause updates", "Settings…", "-", "Quit");

            tray.show(TrayLook.of(paused(offering("a", "2"))));
            assertThat(labels(icon.getPopupMenu())).contains("Resume updates").doesNotContain("Pause updates");

            MenuItem resume = onAwt(() -> icon.getPopupMenu().getItem(3));
            EventQueue.invokeAndWait(() -> resume.dispatchEvent(
                    new ActionEvent(resume, ActionEvent.ACTION_PERFORMED, resume.getActionCommand())));
            assertThat(commands).containsExactly(MenuCommand.RESUME);
        } finally {
            tray.close();
        }
        assertThat(onAwt(() -> SystemTray.getSystemTray().getTrayIcons())).isEmpty();
    }

    private static TrayIcon onlyIcon() throws Exception {
        TrayIcon[] icons = onAwt(() -> SystemTray.getSystemTray().getTrayIcons());
        assertThat(icons).hasSize(1);
        return icons[0];
    }

    /** The popup's labels once AWT has handled everything queued before, "-" for a separator. */
    private static List<String> labels(PopupMenu popup) throws Exception {
        return onAwt(() -> {
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < popup.getItemCount(); i++) {
                labels.add(popup.getItem(i).getLabel());
            }
            return labels;
        });
    }

    private static <T> T onAwt(java.util.concurrent.Callable<T> read) throws Exception {
        List<T> result = new ArrayList<>();
        Exception[] failure = new Exception[1];
        EventQueue.invokeAndWait(() -> {
            try {
                result.add(read.call());
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result.get(0);
    }
}
