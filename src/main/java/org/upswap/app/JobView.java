// A job of the helper as the desktop shows it: what it is doing and how far.
package org.upswap.app;

import org.upswap.client.protocol.ProgressPhase;

/**
 * @param phase null until the first progress event arrives
 * @param rate bytes per second, 0 if unknown
 */
public record JobView(long id, String kind, ProgressPhase phase, long done, long total, long rate) {

    /** 0..1, or -1 when the total is not known yet. */
    public double fraction() {
        return total > 0 ? Math.min(1.0, (double) done / total) : -1;
    }

    /** Seconds left at the current rate, or -1 if unknown. */
    public long secondsLeft() {
        return rate > 0 && total > done ? (total - done + rate - 1) / rate : -1;
    }

    JobView withProgress(ProgressPhase p, long d, long t, long r) {
        return new JobView(id, kind, p, d, t, r);
    }
}
