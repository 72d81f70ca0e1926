// Serves one feed directory over HTTP, as a static web server or CDN would:
// GET and HEAD of its files, strong ETags with 304 Not Modified (what makes
// the helper's conditional checks cheap), single byte ranges (what lets it
// resume a download), and nothing else: no listings, no hidden files, no
// way out of the directory. For trying a feed locally and for the demo; a
// real deployment uses a real server over HTTPS.
package org.upswap.cli.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class FeedDirectoryServer implements AutoCloseable {

    /** What was served, one call per request. */
    @FunctionalInterface
    public interface RequestLog {
        /** @param bytes body bytes sent */
        void served(String method, String path, int status, long bytes);
    }

    /** Enough for a helper downloading while others poll; requests are short. */
    private static final int THREADS = 4;
    /** IMF-fixdate (RFC 9110 5.6.7), the one format a server may send. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ServedPath paths;
    private final EntityTags tags = new EntityTags();
    private final RequestLog log;

    private FeedDirectoryServer(HttpServer server, ExecutorService executor, Path root, RequestLog log) {
        this.server = server;
        this.executor = executor;
        this.paths = new ServedPath(root);
        this.log = log;
    }

    /**
     * Starts serving {@code dir} on {@code bind} (port 0: any free port).
     *
     * @throws NotDirectoryException if {@code dir} is not a directory
     * @throws IOException if the address cannot be bound
     */
    public static FeedDirectoryServer start(Path dir, InetSocketAddress bind, RequestLog log) throws IOException {
        Path root = dir.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(dir.toString());
        }
        HttpServer server = HttpServer.create(bind, 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "upswap-serve");
            thread.setDaemon(true);
            return thread;
        });
        FeedDirectoryServer served = new FeedDirectoryServer(server, executor, root, log);
        server.createContext("/", served::handle);
        server.setExecutor(executor);
        server.start();
        return served;
    }

    /** Where the directory is served, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        int status = 500;
        long sent = 0;
        try (exchange) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                status = 405;
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            Optional<Path> file = paths.resolve(path);
            if (file.isEmpty()) {
                status = 404;
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            Response response = respond(exchange, file.get(), method.equals("HEAD"), 3);
            status = response.status();
            sent = response.bytes();
        } catch (IOException e) {
            // The client hung up mid-transfer; there is nobody left to answer.
        } finally {
            log.served(method, path, status, sent);
        }
    }

    private record Response(int status, long bytes) {
    }

    private Response respond(HttpExchange exchange, Path file, boolean head, int attempts) throws IOException {
        // A publish renames a new feed.json into place at any moment, and the
        // answer must not mix the two: the same inode before and after opening
        // means the opened file is the one described.
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long size = channel.size();
            if ((!Objects.equals(before.fileKey(), attrs.fileKey()) || attrs.size() != size)
                    && attempts > 1) {
                return respond(exchange, file, head, attempts - 1);
            }
            String tag = tags.of(file, attrs);
            Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
            Headers request = exchange.getRequestHeaders();
            Headers response = exchange.getResponseHeaders();
            response.set("ETag", tag);
            response.set("Last-Modified", HTTP_DATE.format(modified));
            response.set("Cache-Control", cacheControl(file));
            if (notModified(request, tag, modified)) {
                exchange.sendResponseHeaders(304, -1);
                return new Response(304, 0);
            }
            response.set("Content-Type", contentType(file));
            response.set("Accept-Ranges", "bytes");

            ByteRange range = rangeApplies(request, tag, modified) ? ByteRange.parse(request.getFirst("Range"), size)
                    : null;
            if (range == ByteRange.UNSATISFIABLE) {
                response.set("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
                return new Response(416, 0);
            }
            int status = range == null ? 200 : 206;
            long first = range == null ? 0 : range.first();
            long length = range == null ? size : range.length();
            if (range != null) {
                response.set("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
            }
            if (head || length == 0) {
                // com.sun.net.httpserver sends no body for -1; the length still belongs in the headers.
                response.set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return new Response(status, 0);
            }
            exchange.sendResponseHeaders(status, length);
            return new Response(status, copy(channel, first, length, exchange.getResponseBody()));
        }
    }

    private static long copy(FileChannel from, long first, long length, OutputStream to) throws IOException {
        WritableByteChannel out = Channels.newChannel(to);
        long done = 0;
        while (done < length) {
            long n = from.transferTo(first + done, length - done, out);
            if (n <= 0) {
                break; // the file got shorter under us; the client sees a short body and retries
            }
            done += n;
        }
        return done;
    }

    /** RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(Headers request, String tag, Instant modified) {
        String noneMatch = request.getFirst("If-None-Match");
        if (noneMatch != null) {
            return EntityTags.noneMatchHits(noneMatch, tag);
        }
        Instant since = parseDate(request.getFirst("If-Modified-Since"));
        return since != null && !modified.isAfter(since);
    }

    /** A Range is honoured unless If-Range names another version of the file. */
    private static boolean rangeApplies(Headers request, String tag, Instant modified) {
        String ifRange = request.getFirst("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.startsWith("\"")) {
            return ifRange.equals(tag); // strong comparison
        }
        Instant date = parseDate(ifRange);
        return date != null && date.equals(modified);
    }

    private static Instant parseDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null; // an invalid date is ignored (RFC 9110 13.1.3)
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".minisig") || name.endsWith(".pub")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    /** The feed and its signature change with every publish; artifacts never change under a name. */
    private static String cacheControl(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".minisig") ? "no-cache" : "public, max-age=86400";
    }
}
