// The privileged actions whose permission `hello` reports for the connecting peer.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum Action implements WireEnum {
    CHECK("check"),
    UPDATE("update"),
    DOWNGRADE("downgrade"),
    ROLLBACK("rollback"),
    CONFIGURE("configure"),
    RESTART("restart");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static Action fromWire(String name) {
        return WireEnum.parse(Action.class, "action", name);
    }
}
