// The request kinds of protocol 1 (the `kind` of a client-to-helper line).
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum RequestKind implements WireEnum {
    HELLO("hello"),
    STATUS("status"),
    LIST_TARGETS("list-targets"),
    CHECK("check"),
    UPDATE("update"),
    ROLLBACK("rollback"),
    CANCEL("cancel"),
    SUBSCRIBE("subscribe"),
    RESTART("restart");

    private final String wireName;

    RequestKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the helper asks polkit before answering, which may mean a
     * person typing a password: such requests get a longer timeout.
     */
    public boolean mayWaitForAuthentication() {
        return this == UPDATE || this == ROLLBACK || this == CANCEL || this == RESTART;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static RequestKind fromWire(String name) {
        return WireEnum.parse(RequestKind.class, "request kind", name);
    }
}
