// Events as one human line each (progress has its own ProgressText).
package org.upswap.cli.text;

import java.util.ArrayList;
import java.util.List;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.RestartResult;
import org.upswap.client.model.RestartedEvent;
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
        if (event instanceof RestartedEvent restarted) {
            return String.join("; ", restartedLines(restarted));
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

    /**
     * What a restart policy did: "demo: restarted by signal:HUP" and then a
     * line per process (or one for the systemd unit).
     */
    public static List<String> restartedLines(RestartedEvent restarted) {
        List<String> lines = new ArrayList<>();
        long failed = restarted.results().stream().filter(r -> !r.ok()).count();
        lines.add(Messages.get(failed == 0 ? "event.restarted" : "event.restartFailed", restarted.target(),
                restarted.how()));
        for (RestartResult r : restarted.results()) {
            lines.add(r.pid() == null ? Messages.get("event.restartUnit", r.message())
                    : Messages.get("event.restartProcess", r.pid(), r.message()));
        }
        return lines;
    }

    /**
     * The processes an update left on the replaced binary, a line each after
     * a heading; empty when there are none.
     */
    public static List<String> stillRunning(String target, List<ProcessInfo> processes) {
        List<String> lines = new ArrayList<>();
        if (processes.isEmpty()) {
            return lines;
        }
        lines.add(processes.size() == 1 ? Messages.get("event.stillRunningOne", target)
                : Messages.get("event.stillRunningMany", target, processes.size()));
        for (ProcessInfo p : processes) {
            lines.add(Messages.get("event.stillRunningProcess", p.pid(), p.uid(), p.command()));
        }
        return lines;
    }

    /** demo: updated 1.0.0 -> 2.0.0 (job 3); rolled back for rollbacks. */
    public static String updated(UpdatedEvent updated) {
        String unknown = Messages.get("event.unknownVersion");
        String text = Messages.get(updated.rollback() ? "event.rolledBack" : "event.updated", updated.target(),
                updated.from() == null ? unknown : updated.from(), updated.to() == null ? unknown : updated.to());
        return Messages.get("event.withJob", text, updated.job());
    }
}
