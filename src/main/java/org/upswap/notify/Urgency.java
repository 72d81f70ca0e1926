// How strongly a notice asks for attention; the numbers are the urgency hint
// of the freedesktop notification spec.
package org.upswap.notify;

public enum Urgency {
    LOW(0),
    NORMAL(1),
    /** Servers keep these on screen until the user acts on them. */
    CRITICAL(2);

    private final byte level;

    Urgency(int level) {
        this.level = (byte) level;
    }

    /** The value of the {@code urgency} hint. */
    public byte level() {
        return level;
    }
}
