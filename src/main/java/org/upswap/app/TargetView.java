// One managed program as the desktop shows it: the helper's view of it plus
// the job running for it, if any.
package org.upswap.app;

import org.upswap.client.model.Target;

/** @param job the update or rollback running for this target, or null */
public record TargetView(Target target, JobView job) {

    public String name() {
        return target.name();
    }

    public boolean updateAvailable() {
        return target.available() != null;
    }

    /** Processes still run a replaced binary of this target. */
    public boolean restartNeeded() {
        return !target.processes().isEmpty();
    }

    public boolean failed() {
        return target.lastError() != null;
    }

    public boolean critical() {
        return target.available() != null && target.available().critical();
    }
}
