// The tray's own thread. Snapshots are turned into icon updates and menu
// clicks into model calls here, one at a time and in order, so neither the
// model's thread nor D-Bus's or AWT's ever waits on the other side. After
// close, new work is dropped rather than refused: a late click or snapshot
// is harmless to lose, not an error.
package org.upswap.tray;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

final class TrayThread implements Executor, AutoCloseable {

    private static final Logger LOG = System.getLogger(TrayThread.class.getName());

    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "upswap-tray");
                thread.setDaemon(true);
                this.thread = thread;
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private volatile Thread thread;

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // One failed update or click must not stop the ones after it.
                LOG.log(Level.WARNING, "tray: " + e, e);
            }
        });
    }

    /**
     * Lets queued work finish and takes no more. Waits up to {@code patience}
     * for it, unless called from a task on this thread (a Quit click closing
     * its own tray), which must not wait for itself.
     */
    void close(Duration patience) {
        executor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "tray: still busy after " + patience + "; leaving it to finish alone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes no more work and does not wait. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
