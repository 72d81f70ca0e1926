// "Something about this target changed": carries the full target.
package org.upswap.client.model;

import org.upswap.client.protocol.EventName;

public record StateEvent(Target target) implements HelperEvent {

    public StateEvent {
        Fields.required(target, "target");
    }

    @Override
    public EventName name() {
        return EventName.STATE;
    }

    @Override
    public String targetName() {
        return target.name();
    }
}
