// Notices shown by the app itself (the update window's popups), for desktops
// without a notification server. Buttons run the same responses as the
// server's actions would.
package org.upswap.notify;

import java.util.List;
import java.util.Objects;
import org.upswap.app.InAppNotifier;

public final class InAppNotices implements NoticeSink {

    private final InAppNotifier notifier;
    private volatile Responses responses;

    public InAppNotices(InAppNotifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    @Override
    public void respondTo(Responses responses) {
        this.responses = responses;
    }

    @Override
    public void show(Notice notice) {
        // The notice itself is the "default" action on a server; popups have only buttons.
        List<InAppNotifier.Choice> choices = notice.buttons().stream()
                .filter(b -> b.action() != NoticeAction.OPEN)
                .map(b -> new InAppNotifier.Choice(b.label(), () -> respond(notice, b.action())))
                .toList();
        notifier.show(notice.summary(), notice.body(),
                notice.urgency() == Urgency.CRITICAL || notice.persistent(), choices);
        // A popup goes away by itself and says nothing when it does: for the
        // notifier it is told once shown, and a reminder follows after a rest.
        Responses to = responses;
        if (to != null) {
            to.closed(notice);
        }
    }

    /** Popups hide by themselves; there is nothing to take back. */
    @Override
    public void withdraw(String target) {
    }

    private void respond(Notice notice, NoticeAction action) {
        Responses to = responses;
        if (to != null) {
            to.invoked(notice, action);
        }
    }
}
