// Whether the peer may run an action: without a prompt, after authenticating, or not at all.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum Permission implements WireEnum {
    YES("yes"),
    AUTH("auth"),
    NO("no");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static Permission fromWire(String name) {
        return WireEnum.parse(Permission.class, "permission", name);
    }
}
