package org.upswap.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.upswap.client.HelperListener;
import org.upswap.client.model.HelperEvent;

/** Collects a client's events so a test can wait for the one it expects. */
final class EventLog implements HelperListener {
    private final LinkedBlockingQueue<HelperEvent> queue = new LinkedBlockingQueue<>();
    private final List<HelperEvent> seen = new ArrayList<>();
    volatile IOException disconnected;

    @Override
    public void onEvent(HelperEvent event) {
        queue.add(event);
    }

    @Override
    public void onDisconnected(IOException reason) {
        disconnected = reason;
    }

    /** Waits for the first event (from now on, skipping others) that matches. */
    <T extends HelperEvent> T await(Class<T> type, Predicate<T> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            HelperEvent e = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " event matched within " + timeout
                        + "; saw " + seen);
            }
            seen.add(e);
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
    }

    <T extends HelperEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
        return await(type, match, Duration.ofSeconds(20));
    }

    /** Every event handed out or skipped by await and drain so far. */
    synchronized List<HelperEvent> seen() {
        return List.copyOf(seen);
    }

    List<HelperEvent> drain() {
        List<HelperEvent> out = new ArrayList<>();
        queue.drainTo(out);
        seen.addAll(out);
        return out;
    }
}
