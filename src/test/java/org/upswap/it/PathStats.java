package org.upswap.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What {@link FeedServer} was asked for one path and what it sent back. */
final class PathStats {
    /**
     * How long a reader waits for responses still being written: a client
     * has the last byte a moment before the server's handler has counted it.
     */
    private static final long SETTLE_MILLIS = 2000;

    record Snapshot(int requests, long bodyBytes, long lastResponseWireBytes,
            Map<String, List<String>> lastRequestHeaders) {
        static final Snapshot NONE = new Snapshot(0, 0, 0, Map.of());
    }

    private int requests;
    private int inFlight;
    private long bodyBytes;
    private long lastResponseWireBytes;
    private Map<String, List<String>> lastRequestHeaders = Map.of();

    synchronized void begin(Map<String, List<String>> requestHeaders) {
        requests++;
        inFlight++;
        lastRequestHeaders = requestHeaders;
    }

    synchronized void end(long body, long wire) {
        bodyBytes += body;
        lastResponseWireBytes = wire;
        inFlight--;
        notifyAll();
    }

    /** The counts once responses under way have ended, or as they are after a short wait. */
    synchronized Snapshot settled() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        try {
            for (long left; inFlight > 0 && (left = deadline - System.nanoTime()) > 0;) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Snapshot(requests, bodyBytes, lastResponseWireBytes, lastRequestHeaders);
    }
}
