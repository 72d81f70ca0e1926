// How long "Later" puts off an update reminder: the few lengths the settings
// offer, so a notification's "Later" never needs a number typed in.
package org.upswap.app;

import java.time.Duration;

public enum PostponeLength {
    ONE_HOUR("1h", Duration.ofHours(1)),
    FOUR_HOURS("4h", Duration.ofHours(4)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String storedName;
    private final Duration duration;

    PostponeLength(String storedName, Duration duration) {
        this.storedName = storedName;
        this.duration = duration;
    }

    /** The value as it is written in the settings file. */
    public String storedName() {
        return storedName;
    }

    public Duration duration() {
        return duration;
    }
}
