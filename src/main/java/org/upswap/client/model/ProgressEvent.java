// How far a job has got in its current phase.
package org.upswap.client.model;

import org.upswap.client.protocol.EventName;
import org.upswap.client.protocol.ProgressPhase;

/**
 * @param done bytes done so far
 * @param total bytes in this phase
 * @param rate bytes per second, as the helper measures it
 */
public record ProgressEvent(String target, long job, ProgressPhase phase, long done, long total, long rate)
        implements HelperEvent {

    public ProgressEvent {
        Fields.required(target, "target");
        Fields.required(phase, "phase");
    }

    @Override
    public EventName name() {
        return EventName.PROGRESS;
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
