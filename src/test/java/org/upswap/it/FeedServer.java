package org.upswap.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.upswap.cli.serve.EntityTags;

/**
 * A real HTTP/1.1 server on 127.0.0.1 serving the files of one directory,
 * for tests of the helper's downloads: what libcurl meets on the Internet
 * (validators and 304, ranges, redirects, errors) and, per path, the ways a
 * server or network fails (a dropped connection, a body that never ends, a
 * lying Content-Length, stalls, a trickle). It counts what it sent, so tests
 * can assert that a conditional poll cost a few hundred bytes or that a
 * resumed download did not fetch the start again.
 *
 * <p>Paths are as in {@link #url(String)}: relative to the directory,
 * written with or without a leading slash, not percent-encoded. A fault
 * holds for its path until {@link #clearFaults()} (a drop only once); those
 * that shape a body apply to GET, while HEAD gets the file's plain headers.
 */
final class FeedServer implements AutoCloseable {
    /** Enough that endless, stalled and slow responses leave others served. */
    private static final int THREADS = 16;

    private final Path realRoot;
    private final HttpServer server;
    private final ExecutorService executor;
    private final EntityTags tags = new EntityTags();
    private final Map<String, FeedFault> faults = new ConcurrentHashMap<>();
    private final Map<String, PathStats> stats = new ConcurrentHashMap<>();
    private final AtomicInteger activeResponses = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String scheme;

    /** Starts serving {@code dir} on a free port of 127.0.0.1. */
    FeedServer(Path dir) throws IOException {
        this(dir, null);
    }

    /** The same over TLS when {@code tls} is given (then {@link #url} says https). */
    FeedServer(Path dir, javax.net.ssl.SSLContext tls) throws IOException {
        this.realRoot = dir.toRealPath();
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls != null) {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(local, 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            this.server = https;
            this.scheme = "https";
        } else {
            this.server = HttpServer.create(local, 0);
            this.scheme = "http";
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/path} (https with TLS). */
    String url(String path) {
        return scheme + "://127.0.0.1:" + port() + "/" + key(path);
    }

    // --- faults ---------------------------------------------------------------

    /**
     * Once, for the next GET of {@code path}: the full Content-Length,
     * {@code bytes} of the body, then the connection closes.
     */
    void dropAfter(String path, long bytes) {
        faults.put(key(path), new FeedFault.DropAfter(bytes));
    }

    /** 200 with a chunked body that goes on until the client hangs up (no file needed). */
    void endless(String path) {
        faults.put(key(path), new FeedFault.Endless());
    }

    /**
     * Content-Length: {@code claimed}, whatever the file's size. Above it the
     * real bytes are sent and the connection closes; below it the client
     * gets the first {@code claimed} bytes (com.sun.net.httpserver cannot
     * write past a Content-Length).
     */
    void lieLength(String path, long claimed) {
        faults.put(key(path), new FeedFault.LieLength(claimed));
    }

    /** {@code afterBytes} of the body, a pause of {@code millis}, then the rest. */
    void stall(String path, long afterBytes, long millis) {
        faults.put(key(path), new FeedFault.Stall(afterBytes, millis));
    }

    /** The body at no more than {@code bytesPerSecond}. */
    void slow(String path, long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
        }
        faults.put(key(path), new FeedFault.Slow(bytesPerSecond));
    }

    /** Answers {@code path} with this status (e.g. 500) instead of the file. */
    void status(String path, int code) {
        faults.put(key(path), new FeedFault.Status(code));
    }

    /** Answers {@code path} with 302 and {@code Location: targetUrl}. */
    void redirect(String path, String targetUrl) {
        faults.put(key(path), new FeedFault.Redirect(targetUrl));
    }

    void clearFaults() {
        faults.clear();
    }

    // --- what was asked and sent ---------------------------------------------
    // Each first waits (briefly) for responses to the path still being
    // written, so that what a client has just received is counted.

    int requests(String path) {
        return settled(path).requests();
    }

    /** The headers of the last request for {@code path} (names case-insensitive); empty if none came. */
    Map<String, List<String>> lastRequestHeaders(String path) {
        return settled(path).lastRequestHeaders();
    }

    /** Body bytes sent for {@code path}, all responses together. */
    long bodyBytesSent(String path) {
        return settled(path).bodyBytes();
    }

    /**
     * Bytes of the last finished response for {@code path}: status line,
     * headers and body. The status line and headers are recomputed from what
     * the server wrote (see {@link FeedExchange#headerBytes}); the chunk
     * framing of an endless body is not counted.
     */
    long lastResponseWireBytes(String path) {
        return settled(path).lastResponseWireBytes();
    }

    /** Responses being written now, e.g. to see that an endless one ended when its client left. */
    int activeResponses() {
        return activeResponses.get();
    }

    /** Stops serving; cuts off responses still being written. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PathStats.Snapshot settled(String path) {
        PathStats s = stats.get(key(path));
        return s == null ? PathStats.Snapshot.NONE : s.settled();
    }

    private void handle(HttpExchange ex) throws IOException {
        String key = key(ex.getRequestURI().getPath());
        PathStats s = stats.computeIfAbsent(key, k -> new PathStats());
        s.begin(copyOf(ex.getRequestHeaders()));
        FeedExchange exchange = new FeedExchange(ex, key, realRoot, tags, faults);
        activeResponses.incrementAndGet();
        try {
            exchange.respond();
        } finally {
            ex.close();
            activeResponses.decrementAndGet();
            s.end(exchange.bodyBytes(), exchange.wireBytes());
        }
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private static String key(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "feed-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
