// Whether the helper is running a job (`state` in the `status` result).
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum HelperState implements WireEnum {
    IDLE("idle"),
    BUSY("busy");

    private final String wireName;

    HelperState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static HelperState fromWire(String name) {
        return WireEnum.parse(HelperState.class, "helper state", name);
    }
}
