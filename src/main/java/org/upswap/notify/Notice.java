// One notification as upswap means it, before any server sees it: already
// worded, with its buttons labelled. There is at most one per target at a
// time (a new one replaces the old), so the target is its identity.
package org.upswap.notify;

import java.util.List;
import java.util.Objects;

/**
 * @param version the version the notice is about (offered, installed or attempted), or null
 * @param persistent stays until the user acts (resident, never expires): a deadline has passed
 */
public record Notice(String target, NoticeKind kind, String version, String summary, String body,
                     List<Button> buttons, Urgency urgency, boolean persistent) {

    /** A button: what it does and its label, already translated. */
    public record Button(NoticeAction action, String label) {

        public Button {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(label, "label");
        }
    }

    public Notice {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(urgency, "urgency");
        buttons = List.copyOf(buttons);
    }

    public boolean offers(NoticeAction action) {
        return buttons.stream().anyMatch(b -> b.action() == action);
    }
}
