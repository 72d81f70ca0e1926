// Where notifications go when the desktop has no notification server: the
// update window shows them itself (ControlsFX notification popups).
package org.upswap.app;

import java.util.List;

public interface InAppNotifier {

    /** An action button: its label (already translated) and what it does. */
    record Choice(String label, Runnable action) {
    }

    /** Shows a notification inside the app; must be callable from any thread. */
    void show(String title, String body, boolean critical, List<Choice> choices);
}
