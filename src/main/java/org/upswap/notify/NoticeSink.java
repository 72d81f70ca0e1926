// Where notices are shown: the desktop's notification server, or the app's
// own window. One slot per target: showing a notice replaces the target's
// previous one rather than stacking.
package org.upswap.notify;

public interface NoticeSink {

    /** What the user did with a notice; calls may come from any thread. */
    interface Responses {

        /** The user pressed a button of {@code notice} (or clicked the notice: {@link NoticeAction#OPEN}). */
        void invoked(Notice notice, NoticeAction action);

        /** {@code notice} went away (expired, dismissed, or closed by the server). */
        void closed(Notice notice);
    }

    /** Where the sink reports the user's responses; set once, before the first notice. */
    void respondTo(Responses responses);

    /** Shows {@code notice} in its target's slot. Never blocks on the server. */
    void show(Notice notice);

    /** Takes the target's notice away, if one is shown. Never blocks on the server. */
    void withdraw(String target);
}
