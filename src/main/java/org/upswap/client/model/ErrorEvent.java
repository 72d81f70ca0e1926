// Something failed: a job (which then ends), or a check, or the helper itself.
package org.upswap.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.EventName;

/**
 * @param target the target concerned, or null
 * @param job the job that failed, or null when the failure belongs to no job
 */
public record ErrorEvent(String target, @JsonInclude(JsonInclude.Include.NON_NULL) Long job, ErrorCode code,
                         String message) implements HelperEvent {

    public ErrorEvent {
        Fields.required(code, "code");
        Fields.required(message, "message");
    }

    @Override
    public EventName name() {
        return EventName.ERROR;
    }

    @Override
    public String targetName() {
        return target;
    }

    @Override
    public boolean concernsJob(long job) {
        return this.job != null && this.job == job;
    }
}
