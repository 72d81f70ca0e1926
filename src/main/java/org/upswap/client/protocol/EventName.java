// The events the helper pushes to subscribed clients (the `event` field).
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum EventName implements WireEnum {
    STATE("state"),
    PROGRESS("progress"),
    CHECKED("checked"),
    UPDATED("updated"),
    ERROR("error"),
    RESTARTED("restarted");

    private final String wireName;

    EventName(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static EventName fromWire(String name) {
        return WireEnum.parse(EventName.class, "event", name);
    }
}
