// How long to wait before the next connection attempt: doubling from
// "initial" after each failure, never more than "max".
package org.upswap.client;

import java.time.Duration;
import java.util.Objects;

public record Backoff(Duration initial, Duration max) {

    /** 100 ms, 200 ms, 400 ms, ... up to 5 s: quick after a helper restart, cheap when it is gone. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before the next attempt, after {@code failures} failed ones in a row (0 or more). */
    public Duration delay(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative: " + failures);
        }
        Duration delay = initial;
        for (int i = 0; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }
}
