// One target as the status result lists it.
package org.upswap.client.model;

import org.upswap.client.protocol.TargetState;

/**
 * @param installed null when the file does not exist yet
 * @param available null when nothing newer is offered
 */
public record TargetSummary(String name, TargetState state, Installed installed, Available available) {

    public TargetSummary {
        Fields.required(name, "name");
        Fields.required(state, "state");
    }
}
