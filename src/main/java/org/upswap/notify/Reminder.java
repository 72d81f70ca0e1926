// What the notifier remembers about one kind of notice for one target: which
// version the need is about and since when, what was last shown and when,
// and how often the user said "Later".
package org.upswap.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * @param version what the need is about now (the offered or installed version), or null when there is none
 * @param since when this version became due
 * @param lastShown when a notice of this kind was last shown for the target, or null
 * @param shownVersion the version that notice was about, or null
 * @param snoozedUntil no reminder before this ("Later"), or null
 * @param postponements how often the user said "Later" since the need arose (across versions)
 */
public record Reminder(String version, Instant since, Instant lastShown, String shownVersion, Instant snoozedUntil,
                       int postponements) {

    public Reminder {
        Objects.requireNonNull(since, "since");
        if (postponements < 0) {
            throw new IllegalArgumentException("postponements must not be negative: " + postponements);
        }
    }

    static Reminder fresh(String version, Instant now) {
        return new Reminder(version, now, null, null, null, 0);
    }

    /** A newer version is due; a critical one is news the user did not postpone. */
    Reminder about(String newVersion, Instant now, boolean critical) {
        return new Reminder(newVersion, now, lastShown, shownVersion, critical ? null : snoozedUntil, postponements);
    }

    Reminder shown(String version, Instant when) {
        return new Reminder(this.version, since, when, version, snoozedUntil, postponements);
    }

    Reminder postponedUntil(Instant until) {
        return new Reminder(version, since, lastShown, shownVersion, until, postponements + 1);
    }

    /** The need is gone: only when a notice was last shown still matters (the rate limit). */
    Reminder resolved() {
        return new Reminder(null, since, lastShown, null, null, 0);
    }
}
