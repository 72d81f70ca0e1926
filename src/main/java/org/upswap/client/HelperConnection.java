// A connection to upswap-helper that survives the helper going away: when the
// socket disappears, refuses or hangs up, it reports Disconnected, retries
// with capped backoff, greets the new helper and subscribes again if events
// were wanted. For long-lived clients (tray app, `upswap watch`).
package org.upswap.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.upswap.client.model.HelperEvent;

/**
 * Connection attempts, state changes and event delivery all run on one
 * scheduler thread, so {@link ConnectionListener}s see them in order and
 * never concurrently. The scheduler can be passed in (it must run one task
 * at a time) so tests control time.
 */
public final class HelperConnection implements AutoCloseable {

    private final Path socket;
    private final ClientOptions options;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile HelperClient client;
    private volatile ConnectionState state = new ConnectionState.Disconnected("not connected yet", Duration.ZERO);
    /** Failed attempts in a row; touched only on the scheduler thread. */
    private int failures;

    /** A connection with the default backoff and its own scheduler thread. */
    public HelperConnection(Path socket, ClientOptions options) {
        this(socket, options, Backoff.DEFAULT, ownScheduler(), true);
    }

    /** @param scheduler single-threaded; the caller owns it and shuts it down */
    public HelperConnection(Path socket, ClientOptions options, Backoff backoff, ScheduledExecutorService scheduler) {
        this(socket, options, backoff, scheduler, false);
    }

    private HelperConnection(Path socket, ClientOptions options, Backoff backoff,
                             ScheduledExecutorService scheduler, boolean ownsScheduler) {
        this.socket = socket;
        this.options = options;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /** Starts connecting in the background. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        execute(this::attempt);
    }

    /** Wants events: subscribes now if connected, and on every later connection. */
    public void subscribe() {
        subscribed = true;
        execute(() -> {
            HelperClient current = client;
            if (current != null) {
                try {
                    current.call(Request.subscribe());
                } catch (IOException | HelperException e) {
                    lost(current, e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    public ConnectionState state() {
        return state;
    }

    /** The connected client, if there is one right now. */
    public Optional<HelperClient> client() {
        return Optional.ofNullable(client);
    }

    /** Sends {@code request} on the current connection; fails with {@link HelperUnavailableException} if there is none. */
    public <R> CompletableFuture<R> send(Request<R> request) {
        HelperClient current = client;
        if (current == null) {
            String reason = state instanceof ConnectionState.Disconnected down ? down.reason() : "not connected";
            return CompletableFuture.failedFuture(new HelperUnavailableException(socket, reason));
        }
        return current.send(request);
    }

    /** Stops reconnecting and closes the current connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        HelperClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    private void attempt() {
        if (closed) {
            return;
        }
        HelperClient next = null;
        try {
            next = HelperClient.connect(socket, options);
            next.addListener(new Forwarder(next));
            if (subscribed) {
                next.call(Request.subscribe());
            }
            if (closed) {
                next.close();
                return;
            }
            failures = 0;
            client = next;
            publish(new ConnectionState.Connected(next.hello()));
        } catch (InterruptedException e) {
            closeQuietly(next);
            Thread.currentThread().interrupt();
        } catch (IOException | HelperException e) {
            closeQuietly(next);
            retryLater(e.getMessage());
        } catch (RuntimeException e) {
            // Keep trying: a scheduler that swallowed this would end reconnection for good.
            closeQuietly(next);
            retryLater(e.toString());
        }
    }

    private void lost(HelperClient lost, String reason) {
        if (client != lost) {
            return;
        }
        client = null;
        lost.close();
        failures = 0;
        retryLater(reason);
    }

    private void retryLater(String reason) {
        if (closed) {
            return;
        }
        Duration delay = backoff.delay(failures);
        failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
        publish(new ConnectionState.Disconnected(reason, delay));
        try {
            scheduler.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The scheduler was shut down: the connection is being closed.
        }
    }

    private void publish(ConnectionState next) {
        ConnectionState previous = state;
        state = next;
        boolean sameOutage = previous instanceof ConnectionState.Disconnected before
                && next instanceof ConnectionState.Disconnected now
                && before.reason().equals(now.reason());
        if (sameOutage || closed) {
            return;
        }
        for (ConnectionListener listener : listeners) {
            try {
                listener.onStateChanged(next);
            } catch (RuntimeException e) {
                reportListenerFailure(e);
            }
        }
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    private static void closeQuietly(HelperClient client) {
        if (client != null) {
            client.close();
        }
    }

    private static void reportListenerFailure(RuntimeException e) {
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, e);
    }

    private static ScheduledExecutorService ownScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "upswap-connection");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Moves one client's events and its end onto the scheduler thread. */
    private final class Forwarder implements HelperListener {

        private final HelperClient source;

        Forwarder(HelperClient source) {
            this.source = source;
        }

        @Override
        public void onEvent(HelperEvent event) {
            execute(() -> {
                if (client != source || closed) {
                    return;
                }
                for (ConnectionListener listener : listeners) {
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        reportListenerFailure(e);
                    }
                }
            });
        }

        @Override
        public void onDisconnected(IOException reason) {
            execute(() -> lost(source, reason.getMessage()));
        }
    }
}
