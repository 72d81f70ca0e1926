// One target in full, as list-targets and state events carry it.
package org.upswap.client.model;

import java.util.List;
import org.upswap.client.protocol.TargetState;

/**
 * @param path the managed binary
 * @param source the feed URL
 * @param restart the restart policy, as configured (e.g. {@code none}, {@code signal:HUP})
 * @param interval seconds between scheduled checks
 * @param installed null when the file does not exist yet
 * @param available null when nothing newer is offered
 * @param previous what a rollback would restore, or null
 * @param lastCheck Unix time of the last check, or null if never checked
 * @param lastError why the last check or job failed, or null
 * @param processes processes still running a replaced copy of the binary (need a restart)
 */
public record Target(String name, TargetState state, String path, String source, String restart, long interval,
                     Installed installed, Available available, Previous previous, Long lastCheck,
                     LastError lastError, List<ProcessInfo> processes) {

    public Target {
        processes = Fields.listOrEmpty(processes);
        Fields.required(name, "name");
        Fields.required(state, "state");
        Fields.required(path, "path");
        Fields.required(source, "source");
        Fields.required(restart, "restart");
    }

    /** The part of this target that status also reports. */
    public TargetSummary summary() {
        return new TargetSummary(name, state, installed, available);
    }
}
