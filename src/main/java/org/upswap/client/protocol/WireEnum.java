// The shared shape of the protocol's closed sets: each constant carries the
// exact string used on the wire, and parsing refuses anything else.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

public interface WireEnum {

    /** The string that stands for this constant on the wire. */
    @JsonValue
    String wireName();

    /**
     * The constant of {@code type} whose wire name is {@code name}.
     *
     * @param what how to call the set in an error message, e.g. "error code"
     * @throws IllegalArgumentException if the set has no such member
     */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String what, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'");
    }
}
