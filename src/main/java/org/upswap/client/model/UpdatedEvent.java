// A job finished successfully: the target now runs version "to".
package org.upswap.client.model;

import java.util.List;
import org.upswap.client.protocol.EventName;

/**
 * @param from the version replaced, or null if it was unknown
 * @param to the version now installed, or null if it is unknown (e.g. a rollback to a binary
 *     no feed release describes)
 * @param rollback true if the job was a rollback
 * @param processes processes still running the binary that was replaced
 * @param restarting true if the target's restart policy acts on them now, so a
 *     {@link RestartedEvent} follows
 */
public record UpdatedEvent(String target, long job, String from, String to, String sha256, boolean rollback,
                           List<ProcessInfo> processes, boolean restarting) implements HelperEvent {

    public UpdatedEvent {
        processes = Fields.listOrEmpty(processes);
        Fields.required(target, "target");
        Fields.required(sha256, "sha256");
    }

    @Override
    public EventName name() {
        return EventName.UPDATED;
    }

    @Override
    public String targetName() {
        return target;
    }

    @Override
    public boolean concernsJob(long job) {
        return this.job == job;
    }
}
