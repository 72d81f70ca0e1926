// One connection to upswap-helper over its stream socket: says hello, sends
// requests with fresh ids and matches the answers to them, and hands pushed
// events to listeners.
//
// Threads: the caller's thread writes requests. A reader thread only reads
// and decodes lines, so the socket is always drained (the helper drops a
// client whose 1 MiB output queue fills up). A single dispatch thread then
// completes reply futures, fires timeouts and calls listeners, in the order
// the lines arrived: a reply is always seen before the events sent after it.
package org.upswap.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.upswap.client.model.CancelResult;
import org.upswap.client.model.CheckResult;
import org.upswap.client.model.HelloResult;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.JobStarted;
import org.upswap.client.model.SubscribeResult;
import org.upswap.client.model.TargetList;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Protocol;

/**
 * A connected, greeted client. Obtain one with {@link #connect}; it does not
 * reconnect (see {@link HelperConnection} for that).
 *
 * <p>Reply futures complete, and {@link HelperListener}s run, on the client's
 * dispatch thread. Stages chained with the non-async {@code then...} methods
 * run there too; they must not block waiting for another reply of this
 * client, which could only arrive through the same thread.
 */
public final class HelperClient implements AutoCloseable {

    private static final long READER_JOIN_MILLIS = 2000;

    private final Path socket;
    private final ClientOptions options;
    private final UnixSocketChannel channel;
    private final ScheduledThreadPoolExecutor dispatcher;
    private final Thread reader;
    private final Map<Long, Pending<?>> pending = new ConcurrentHashMap<>();
    private final List<HelperListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object writeLock = new Object();
    private final AtomicBoolean closedByClient = new AtomicBoolean();
    private final CompletableFuture<IOException> ended = new CompletableFuture<>();
    private volatile String refusal;
    private volatile HelloResult hello;

    private HelperClient(Path socket, ClientOptions options, UnixSocketChannel channel) {
        this.socket = socket;
        this.options = options;
        this.channel = channel;
        this.dispatcher = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "upswap-client-dispatch"));
        dispatcher.setRemoveOnCancelPolicy(true);
        dispatcher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.reader = daemon(this::readLoop, "upswap-client-reader");
    }

    /** Connects with {@link ClientOptions#defaults()}. */
    public static HelperClient connect(Path socket) throws IOException, HelperException, InterruptedException {
        return connect(socket, ClientOptions.defaults());
    }

    /**
     * Connects to the helper at {@code socket} and exchanges hello.
     *
     * @throws HelperUnavailableException if nothing listens there or hello is not answered in time
     * @throws HelperException if the helper refuses hello, e.g. with {@link ErrorCode#PROTOCOL_VERSION}
     * @throws ProtocolException if the helper answers in a way protocol 1 does not allow
     */
    public static HelperClient connect(Path socket, ClientOptions options)
            throws IOException, HelperException, InterruptedException {
        UnixSocketChannel channel;
        try {
            channel = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        } catch (IOException e) {
            throw new HelperUnavailableException(socket, "cannot connect to " + socket + ": " + e.getMessage(), e);
        }
        HelperClient client = new HelperClient(socket, options, channel);
        client.reader.start();
        try {
            client.hello = client.handshake();
            return client;
        } catch (IOException | HelperException | InterruptedException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private HelloResult handshake() throws IOException, HelperException, InterruptedException {
        HelloResult result;
        try {
            result = call(Request.hello(options.clientName()));
        } catch (HelperTimeoutException e) {
            throw new HelperUnavailableException(socket, e.getMessage() + " on " + socket, e);
        } catch (HelperException e) {
            if (e.code() == ErrorCode.PROTOCOL_VERSION) {
                throw new HelperException(e.code(), "upswap-helper does not speak protocol "
                        + Protocol.VERSION + ": " + e.getMessage());
            }
            throw e;
        }
        if (result.protocol() != Protocol.VERSION) {
            throw new ProtocolException("upswap-helper answered hello with protocol " + result.protocol()
                    + "; this client speaks protocol " + Protocol.VERSION);
        }
        return result;
    }

    /** The helper's answer to hello. */
    public HelloResult hello() {
        return hello;
    }

    public Path socket() {
        return socket;
    }

    /** False once the connection has ended, for whatever reason. */
    public boolean isOpen() {
        return !ended.isDone();
    }

    public void addListener(HelperListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HelperListener listener) {
        listeners.remove(listener);
    }

    public CompletableFuture<HelperStatus> status() {
        return send(Request.status());
    }

    public CompletableFuture<TargetList> listTargets() {
        return send(Request.listTargets());
    }

    /** @param target the target to check, or null for all */
    public CompletableFuture<CheckResult> check(String target) {
        return send(Request.check(target));
    }

    /** @param version the version to install, or null for the newest offered */
    public CompletableFuture<JobStarted> update(String target, String version, boolean force) {
        return send(Request.update(target, version, force));
    }

    public CompletableFuture<JobStarted> rollback(String target) {
        return send(Request.rollback(target));
    }

    /** @param target the target whose jobs to cancel, or null for all jobs */
    public CompletableFuture<CancelResult> cancel(String target) {
        return send(Request.cancel(target));
    }

    /** Asks for events; they go to the listeners from now on. */
    public CompletableFuture<org.upswap.client.model.RestartStarted> restart(String target) {
        return send(Request.restart(target));
    }

    public CompletableFuture<SubscribeResult> subscribe() {
        return send(Request.subscribe());
    }

    /**
     * Sends {@code request}. The future completes with the decoded result, or
     * fails with {@link HelperException} (the helper refused),
     * {@link HelperTimeoutException}, {@link HelperUnavailableException}
     * (connection gone) or {@link ProtocolException}.
     */
    public <R> CompletableFuture<R> send(Request<R> request) {
        long id = nextId.getAndIncrement();
        byte[] line = (WireJson.toCompactString(request.toJson(id)) + "\n").getBytes(StandardCharsets.UTF_8);
        if (line.length > Protocol.MAX_REQUEST_LINE_BYTES) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "request line of " + line.length + " bytes exceeds the protocol's limit"));
        }
        Pending<R> entry = new Pending<>(request, new CompletableFuture<>());
        pending.put(id, entry);
        IOException end = ended.getNow(null);
        if (end != null) {
            pending.remove(id);
            return CompletableFuture.failedFuture(end);
        }
        ScheduledFuture<?> timeout;
        try {
            // A request polkit may turn into a password prompt waits as long as the helper lets it.
            java.time.Duration limit = request.kind().mayWaitForAuthentication()
                    && options.requestTimeout().compareTo(Protocol.AUTHENTICATION_TIMEOUT) < 0
                    ? Protocol.AUTHENTICATION_TIMEOUT : options.requestTimeout();
            timeout = dispatcher.schedule(() -> expire(id), limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(id);
            return CompletableFuture.failedFuture(ended.getNow(connectionClosed()));
        }
        // Also runs when the caller cancels the future: forget the request then.
        entry.future().whenComplete((result, failure) -> {
            pending.remove(id);
            timeout.cancel(false);
        });
        try {
            write(line);
        } catch (IOException e) {
            entry.future().completeExceptionally(new HelperUnavailableException(socket,
                    "lost connection to upswap-helper while sending '" + request.kind().wireName() + "': "
                            + e.getMessage(), e));
            closeChannel();
        }
        return entry.future();
    }

    /** Sends {@code request} and waits for its result; see {@link #send}. */
    public <R> R call(Request<R> request) throws IOException, HelperException, InterruptedException {
        return await(send(request));
    }

    /** Waits for a future from {@link #send} and rethrows its failure as thrown by {@link #call}. */
    public static <R> R await(CompletableFuture<R> reply) throws IOException, HelperException, InterruptedException {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof HelperException refused) {
                throw refused;
            }
            if (cause instanceof RuntimeException bug) {
                throw bug;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** Closes the connection; pending requests fail, listeners hear nothing more. Idempotent. */
    @Override
    public void close() {
        if (!closedByClient.compareAndSet(false, true)) {
            return;
        }
        closeChannel();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(READER_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(byte[] line) throws IOException {
        synchronized (writeLock) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private void readLoop() {
        LineReader lines = new LineReader(channel, Protocol.MAX_HELPER_LINE_BYTES);
        IOException reason;
        try {
            byte[] line;
            while ((line = lines.next()) != null) {
                route(WireJson.decode(line));
            }
            reason = hungUp(null);
        } catch (EOFException e) {
            reason = hungUp(e);
        } catch (ProtocolException e) {
            reason = e;
        } catch (IOException e) {
            reason = new HelperUnavailableException(socket,
                    "lost connection to upswap-helper: " + e.getMessage(), e);
        }
        end(closedByClient.get() ? connectionClosed() : reason);
    }

    private void route(Incoming message) {
        if (message instanceof Incoming.Reply reply) {
            Pending<?> entry = pending.remove(reply.id());
            if (entry != null) {
                dispatcher.execute(() -> entry.complete(reply));
            }
        } else if (message instanceof Incoming.Failure failure) {
            if (failure.id() == null) {
                // The helper could not read one of our lines and is about to hang up.
                refusal = failure.code().wireName() + ": " + failure.message();
                return;
            }
            Pending<?> entry = pending.remove(failure.id());
            if (entry != null) {
                dispatcher.execute(() -> entry.future().completeExceptionally(
                        new HelperException(failure.code(), failure.message())));
            }
        } else if (message instanceof Incoming.Event event) {
            dispatcher.execute(() -> deliver(event.event()));
        }
        // Incoming.UnknownEvent: skipped on purpose.
    }

    private void deliver(HelperEvent event) {
        for (HelperListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                reportListenerFailure(e);
            }
        }
    }

    private void expire(long id) {
        Pending<?> entry = pending.remove(id);
        if (entry != null) {
            entry.future().completeExceptionally(
                    new HelperTimeoutException(entry.request().kind(), options.requestTimeout()));
        }
    }

    private void end(IOException reason) {
        if (!ended.complete(reason)) {
            return;
        }
        closeChannel();
        boolean tellListeners = !closedByClient.get();
        dispatcher.execute(() -> {
            for (Long id : pending.keySet()) {
                Pending<?> entry = pending.remove(id);
                if (entry != null) {
                    entry.future().completeExceptionally(reason);
                }
            }
            if (tellListeners) {
                for (HelperListener listener : listeners) {
                    try {
                        listener.onDisconnected(reason);
                    } catch (RuntimeException e) {
                        reportListenerFailure(e);
                    }
                }
            }
        });
        dispatcher.shutdown();
    }

    private IOException hungUp(EOFException cause) {
        String refused = refusal;
        if (refused != null) {
            return new ProtocolException("upswap-helper refused a request line and hung up: " + refused);
        }
        String what = cause == null ? "" : " in the middle of a message";
        return new HelperUnavailableException(socket, "upswap-helper closed the connection" + what, cause);
    }

    private HelperUnavailableException connectionClosed() {
        return new HelperUnavailableException(socket, "the connection to upswap-helper was closed");
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing useful is left to do with a socket that fails to close.
        }
    }

    private static void reportListenerFailure(RuntimeException e) {
        // A broken listener must not stop the others or the dispatch thread.
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, e);
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private record Pending<R>(Request<R> request, CompletableFuture<R> future) {

        void complete(Incoming.Reply reply) {
            try {
                future.complete(WireJson.readResult(reply.result(), request.resultType()));
            } catch (ProtocolException e) {
                future.completeExceptionally(e);
            }
        }
    }
}
