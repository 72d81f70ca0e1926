// Notifications shown by the window itself (ControlsFX popups in its top
// right corner) for desktops without a notification server. A popup needs a
// window on screen to belong to, so a hidden update window is shown first.
package org.upswap.ui;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.geometry.Pos;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.upswap.app.InAppNotifier;

final class InAppNotifications implements InAppNotifier {

    /** Long enough to read two lines; critical ones stay until dismissed. */
    private static final Duration SHOWN_FOR = Duration.seconds(10);

    private final Stage owner;
    private final Executor uiThread;

    InAppNotifications(Stage owner, Executor uiThread) {
        this.owner = owner;
        this.uiThread = uiThread;
    }

    @Override
    public void show(String title, String body, boolean critical, List<Choice> choices) {
        uiThread.execute(() -> showNow(title, body, critical, choices));
    }

    private void showNow(String title, String body, boolean critical, List<Choice> choices) {
        if (!owner.isShowing()) {
            owner.show();
        }
        Notifications popup = Notifications.create()
                .owner(owner)
                .title(title)
                .text(body)
                .position(Pos.TOP_RIGHT)
                .hideAfter(critical ? Duration.INDEFINITE : SHOWN_FOR)
                .action(choices.stream().map(InAppNotifications::action).toArray(Action[]::new));
        popup.styleClass("upswap-notification");
        if (critical) {
            popup.showWarning();
        } else {
            popup.showInformation();
        }
    }

    private static Action action(Choice choice) {
        return new Action(choice.label(), event -> choice.action().run());
    }
}
