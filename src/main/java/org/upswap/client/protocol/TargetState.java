// What the helper is doing with one target right now.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum TargetState implements WireEnum {
    IDLE("idle"),
    CHECKING("checking"),
    DOWNLOADING("downloading"),
    VERIFYING("verifying"),
    SWAPPING("swapping"),
    ERROR("error");

    private final String wireName;

    TargetState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static TargetState fromWire(String name) {
        return WireEnum.parse(TargetState.class, "target state", name);
    }
}
