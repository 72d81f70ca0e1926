// The numbers protocol 1 fixes: its version and the limits both sides enforce
// (docs/protocol.md, "Framing" and "Envelope").
package org.upswap.client.protocol;

public final class Protocol {

    /** The protocol this client speaks; sent in {@code hello}. */
    public static final int VERSION = 1;

    /** Longest request line the helper accepts, newline included. */
    public static final int MAX_REQUEST_LINE_BYTES = 65_536;

    /** Longest helper-to-client line, newline included; clients enforce it. */
    public static final int MAX_HELPER_LINE_BYTES = 1 << 20;

    /** Request ids run from 0 to 2^53-1 so that every JSON parser reads them exactly. */
    public static final long MAX_REQUEST_ID = (1L << 53) - 1;

    /**
     * How long the helper lets polkit wait for a person to authenticate
     * (helper/src/authz.c); requests that may prompt are given this long.
     */
    public static final java.time.Duration AUTHENTICATION_TIMEOUT = java.time.Duration.ofMinutes(5);

    /** Longest {@code client} string in {@code hello}. */
    public static final int MAX_CLIENT_NAME_LENGTH = 128;

    private Protocol() {
    }
}
