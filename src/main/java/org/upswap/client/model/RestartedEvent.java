// The restart policy of a target was applied to its processes.
package org.upswap.client.model;

import java.util.List;
import org.upswap.client.protocol.EventName;

/** @param how the policy applied, e.g. {@code signal:HUP} or {@code systemd:demo.service} */
public record RestartedEvent(String target, String how, List<RestartResult> results) implements HelperEvent {

    public RestartedEvent {
        Fields.required(target, "target");
        Fields.required(how, "how");
        results = Fields.requiredList(results, "results");
    }

    @Override
    public EventName name() {
        return EventName.RESTARTED;
    }

    @Override
    public String targetName() {
        return target;
    }
}
