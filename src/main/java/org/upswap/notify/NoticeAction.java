// The buttons a notice can offer: a closed set, so an action key that comes
// back from the notification server is either one of these or ignored.
package org.upswap.notify;

import java.util.Optional;

public enum NoticeAction {
    /** Clicking the notice itself; the spec reserves the key "default". */
    OPEN("default"),
    UPDATE("update"),
    DETAILS("details"),
    LATER("later"),
    RESTART("restart"),
    RETRY("retry");

    private final String key;

    NoticeAction(String key) {
        this.key = key;
    }

    /** The action key sent to the notification server and returned in ActionInvoked. */
    public String key() {
        return key;
    }

    public static Optional<NoticeAction> fromKey(String key) {
        for (NoticeAction action : values()) {
            if (action.key.equals(key)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
