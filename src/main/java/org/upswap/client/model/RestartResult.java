// What the restart policy did to one process (or, for systemd, to the unit).
package org.upswap.client.model;

/** @param pid the process, or null when the policy restarted a systemd unit */
public record RestartResult(Long pid, boolean ok, String message) {

    public RestartResult {
        Fields.required(message, "message");
    }
}
