// The error codes of protocol 1; programs branch on these, people read the message.
package org.upswap.client.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

public enum ErrorCode implements WireEnum {
    PARSE_ERROR("parse-error"),
    BAD_REQUEST("bad-request"),
    UNKNOWN_KIND("unknown-kind"),
    UNKNOWN_FIELD("unknown-field"),
    HELLO_REQUIRED("hello-required"),
    PROTOCOL_VERSION("protocol-version"),
    UNKNOWN_TARGET("unknown-target"),
    UNKNOWN_VERSION("unknown-version"),
    NOT_AUTHORIZED("not-authorized"),
    BUSY("busy"),
    UP_TO_DATE("up-to-date"),
    DOWNGRADE("downgrade"),
    MODIFIED("modified"),
    NO_PREVIOUS("no-previous"),
    SOURCE_ERROR("source-error"),
    VERIFY_FAILED("verify-failed"),
    UNSAFE_PATH("unsafe-path"),
    IO_ERROR("io-error"),
    DISK_FULL("disk-full"),
    CANCELLED("cancelled"),
    NO_RESTART_POLICY("no-restart-policy"),
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name outside the set */
    @JsonCreator
    public static ErrorCode fromWire(String name) {
        return WireEnum.parse(ErrorCode.class, "error code", name);
    }
}
