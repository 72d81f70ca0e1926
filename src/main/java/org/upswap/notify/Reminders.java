// When to remind, as rules over Reminder records: at most one notice of a
// kind per target per hour (a critical release goes through at once), "Later"
// keeps a reminder away for the user's postpone length, and past a deadline
// (three postponements, or a critical release three days old) the notice
// turns persistent. Pure logic over an injected time; the records live in a
// ReminderStore so postponements survive a restart of the app.
package org.upswap.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

final class Reminders {

    /** The rate limit: one notice of a kind per target per this. */
    static final Duration MIN_INTERVAL = Duration.ofHours(1);
    /** "Later" this often and the notice no longer goes away by itself. */
    static final int MAX_POSTPONEMENTS = 3;
    /** A critical release left uninstalled this long makes its notice persistent. */
    static final Duration CRITICAL_GRACE = Duration.ofDays(3);

    /** What to do about a need right now. */
    enum Decision {
        WAIT,
        SHOW,
        SHOW_PERSISTENT
    }

    private final ReminderStore store;

    Reminders(ReminderStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Whether a notice about {@code version} is due for a need that exists
     * now (an update offered, a restart outstanding). Records the need.
     *
     * @param postponeLength the user's setting; also how long an unanswered notice rests before it is shown again
     */
    Decision due(String target, NoticeKind kind, String version, boolean critical, Instant now,
                 Duration postponeLength) {
        Reminder r = store.get(target, kind);
        if (r == null) {
            r = Reminder.fresh(version, now);
        } else if (!Objects.equals(r.version(), version)) {
            r = r.about(version, now, critical);
        }
        store.put(target, kind, r);

        boolean persistent = overdue(r, critical, now);
        if (r.snoozedUntil() != null && now.isBefore(r.snoozedUntil())) {
            return Decision.WAIT;
        }
        if (r.lastShown() != null) {
            Duration rest;
            if (!Objects.equals(r.shownVersion(), version)) {
                rest = critical ? Duration.ZERO : MIN_INTERVAL; // news: only the rate limit holds it back
            } else if (persistent || critical) {
                rest = MIN_INTERVAL;
            } else {
                rest = max(postponeLength, MIN_INTERVAL); // told already: remind like a "Later"
            }
            if (now.isBefore(r.lastShown().plus(rest))) {
                return Decision.WAIT;
            }
        }
        return persistent ? Decision.SHOW_PERSISTENT : Decision.SHOW;
    }

    /** Whether the need for {@code kind} has passed its deadline (the notice should be persistent). */
    boolean overdue(String target, NoticeKind kind, boolean critical, Instant now) {
        Reminder r = store.get(target, kind);
        return r != null && overdue(r, critical, now);
    }

    /** A notice of {@code kind} was shown now. */
    void shown(String target, NoticeKind kind, String version, Instant now) {
        Reminder r = store.get(target, kind);
        store.put(target, kind, (r == null ? Reminder.fresh(version, now) : r).shown(version, now));
    }

    /** For one-off kinds (failures): whether the rate limit lets one through now. */
    boolean rateAllows(String target, NoticeKind kind, Instant now) {
        Reminder r = store.get(target, kind);
        return r == null || r.lastShown() == null || !now.isBefore(r.lastShown().plus(MIN_INTERVAL));
    }

    /** The user said "Later". */
    void postpone(String target, NoticeKind kind, Instant now, Duration length) {
        Reminder r = store.get(target, kind);
        if (r != null) {
            store.put(target, kind, r.postponedUntil(now.plus(length)));
        }
    }

    /**
     * The need is gone (updated, restarted): forget its postponements, but keep
     * when a notice was last shown, so a new need still obeys the rate limit.
     */
    void resolved(String target, NoticeKind kind) {
        Reminder r = store.get(target, kind);
        if (r != null) {
            store.put(target, kind, r.resolved());
        }
    }

    /** Forgets targets that are no longer configured. */
    void retainTargets(Set<String> targets) {
        store.retainTargets(targets);
    }

    private static boolean overdue(Reminder r, boolean critical, Instant now) {
        return r.postponements() >= MAX_POSTPONEMENTS
                || critical && !now.isBefore(r.since().plus(CRITICAL_GRACE));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
