// Events as one human line each (progress has its own ProgressText).
package org.upswap.cli.text;

import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

public final class EventText {

    private EventText() {
    }

    public static String of(HelperEvent event) {
        if (event instanceof StateEvent state) {
            return Messages.get("event.state", state.targetName(), state.target().state().wireName());
        }
        if (event instanceof ProgressEvent progress) {
            return ProgressText.line(progress);
        }
        if (event instanceof CheckedEvent checked) {
            return checked.available() == null
                    ? Messages.get("event.checkedUpToDate", checked.target(), checked.serial())
                    : Messages.get("event.checkedAvailable", checked.target(), checked.available(), checked.serial());
        }
        if (event instanceof UpdatedEvent updated) {
            return updated(updated);
        }
        ErrorEvent error = (ErrorEvent) event;
        String text = errorText(error);
        return error.job() == null ? text : Messages.get("event.withJob", text, error.job());
    }

    private static String errorText(ErrorEvent error) {
        if (error.target() == null) {
            return Messages.get("event.error", error.code().wireName(), error.message());
        }
        // "Nothing to do" arrives as an error event but is no failure; it is not labelled as one.
        if (error.code() == ErrorCode.UP_TO_DATE) {
            return Messages.get("event.note", error.target(), error.message());
        }
        return Messages.get("event.targetError", error.target(), error.code().wireName(), error.message());
    }

    /** demo: updated 1.0.0 -> 2.0.0 (job 3); rolled back for rollbacks. */
    public static String updated(UpdatedEvent updated) {
        String unknown = Messages.get("event.unknownVersion");
        String text = Messages.get(updated.rollback() ? "event.rolledBack" : "event.updated", updated.target(),
                updated.from() == null ? unknown : updated.from(), updated.to() == null ? unknown : updated.to());
        return Messages.get("event.withJob", text, updated.job());
    }
}
