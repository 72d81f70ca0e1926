// Collects a client's events for a command that waits for particular ones,
// so events that arrive before the command knows what to wait for (e.g.
// before it has its job id) are not lost.
package org.upswap.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.upswap.client.HelperListener;
import org.upswap.client.model.HelperEvent;

final class EventQueue implements HelperListener {

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(HelperEvent event) {
        queue.add(event);
    }

    @Override
    public void onDisconnected(IOException reason) {
        queue.add(reason);
    }

    /** The next event within {@code timeout}, or null; throws the reason once the connection has ended. */
    HelperEvent poll(Duration timeout) throws IOException, InterruptedException {
        Object next = queue.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        if (next instanceof IOException ended) {
            queue.add(ended);
            throw ended;
        }
        return (HelperEvent) next;
    }

    /** The next event; throws the reason once the connection has ended. */
    HelperEvent take() throws IOException, InterruptedException {
        Object next = queue.take();
        if (next instanceof IOException ended) {
            queue.add(ended);
            throw ended;
        }
        return (HelperEvent) next;
    }
}
