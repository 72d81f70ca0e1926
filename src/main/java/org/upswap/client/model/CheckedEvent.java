// A check of one target finished.
package org.upswap.client.model;

import org.upswap.client.protocol.EventName;

/**
 * @param available the newest version offered over the installed one, or null
 * @param serial the serial of the feed that was read
 */
public record CheckedEvent(String target, String available, long serial) implements HelperEvent {

    public CheckedEvent {
        Fields.required(target, "target");
    }

    @Override
    public EventName name() {
        return EventName.CHECKED;
    }

    @Override
    public String targetName() {
        return target;
    }
}
