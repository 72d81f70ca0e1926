// The status result: what the helper is doing, its counters, a summary of
// every target, and the configuration problems it found.
package org.upswap.client.model;

import java.util.List;
import org.upswap.client.protocol.HelperState;

/**
 * @param uptime seconds since the helper started
 * @param job the running job, or null when idle
 * @param queue jobs waiting behind the running one
 * @param configErrors problems in the target configuration, "file:line: problem" each
 */
public record HelperStatus(String version, HelperState state, long uptime, RunningJob job, int queue,
                           Stats stats, List<TargetSummary> targets, List<String> configErrors) {

    public HelperStatus {
        Fields.required(version, "version");
        Fields.required(state, "state");
        Fields.required(stats, "stats");
        targets = Fields.requiredList(targets, "targets");
        // Newer than the rest of status: a helper that does not send it has none to report.
        configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
    }
}
