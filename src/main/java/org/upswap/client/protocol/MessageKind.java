// The kinds of helper-to-client line: an answer to a request, a refusal, or a pushed event.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum MessageKind implements WireEnum {
    REPLY("reply"),
    ERROR("error"),
    EVENT("event");

    private final String wireName;

    MessageKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static MessageKind fromWire(String name) {
        return WireEnum.parse(MessageKind.class, "message kind", name);
    }
}
