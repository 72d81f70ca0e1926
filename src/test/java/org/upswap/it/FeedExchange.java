package org.upswap.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.upswap.cli.serve.EntityTags;

/**
 * Answers one request to a {@link FeedServer}: a file of its directory with
 * its validators (ETag, Last-Modified), 304 for a client that has it
 * already, 206 for a range, and whatever fault the test set for the path.
 */
final class FeedExchange {
    private final HttpExchange ex;
    private final String key;
    private final Path realRoot;
    private final EntityTags tags;
    private final Map<String, FeedFault> faults;
    private long headerBytes;
    private PacedBody body = PacedBody.unpaced();

    FeedExchange(HttpExchange ex, String key, Path realRoot, EntityTags tags, Map<String, FeedFault> faults) {
        this.ex = ex;
        this.key = key;
        this.realRoot = realRoot;
        this.tags = tags;
        this.faults = faults;
    }

    /** Bytes of status line, headers and body this response put on the wire (so far). */
    long wireBytes() {
        return headerBytes + body.sent();
    }

    long bodyBytes() {
        return body.sent();
    }

    void respond() throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            sendText(405);
            return;
        }
        if (Arrays.asList(key.split("/")).contains("..")) {
            sendText(400);
            return;
        }
        FeedFault fault = faults.get(key);
        if (fault instanceof FeedFault.Status s) {
            sendText(s.code());
        } else if (fault instanceof FeedFault.Redirect r) {
            ex.getResponseHeaders().set("Location", r.location());
            sendHeaders(302, -1);
        } else if (fault instanceof FeedFault.Endless) {
            sendEndless();
        } else {
            Path file = resolve();
            if (file == null) {
                sendText(404);
            } else {
                sendFile(file, fault);
            }
        }
    }

    /** The regular file the path names inside the directory, or null. */
    private Path resolve() throws IOException {
        try {
            Path p = realRoot.resolve(key).normalize();
            if (!p.startsWith(realRoot) || !Files.isRegularFile(p)) {
                return null;
            }
            // A symbolic link inside may still point outside.
            Path real = p.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private void sendFile(Path file, FeedFault fault) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        String etag = tags.of(file, attrs);
        Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        Headers h = ex.getResponseHeaders();
        h.set("ETag", etag);
        if (notModified(etag, modified)) {
            // Only what RFC 9110 asks of a 304 (ETag; the server adds Date):
            // a feed polled every few minutes should cost next to nothing.
            sendHeaders(304, -1);
            return;
        }
        String lastModified = HttpDates.format(modified);
        h.set("Last-Modified", lastModified);
        h.set("Accept-Ranges", "bytes");
        long size = attrs.size();
        ByteRange range = rangeAsked(size, etag, lastModified);
        if (range == ByteRange.UNSATISFIABLE) {
            h.set("Content-Range", "bytes */" + size);
            sendHeaders(416, -1);
            return;
        }
        h.set("Content-Type", "application/octet-stream");
        int code = 200;
        long offset = 0;
        long length = size;
        if (range != null) {
            code = 206;
            offset = range.first();
            length = range.length();
            h.set("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", Long.toString(length));
            sendHeaders(code, -1);
            return;
        }

        long declared = length;
        long toSend = length;
        if (fault instanceof FeedFault.DropAfter d && faults.remove(key, d)) {
            toSend = Math.min(d.bytes(), length);
        } else if (fault instanceof FeedFault.LieLength l) {
            // Above the real size: the real bytes, then the connection
            // closes. Below it: com.sun.net.httpserver refuses to write past
            // a Content-Length, so the client gets the first `claimed` bytes
            // as a complete (truncated) body.
            declared = l.claimed();
            toSend = Math.min(l.claimed(), length);
        } else if (fault instanceof FeedFault.Stall s) {
            body = PacedBody.stalling(s.afterBytes(), s.millis());
        } else if (fault instanceof FeedFault.Slow s) {
            body = PacedBody.limited(s.bytesPerSecond());
        }
        try (FileChannel in = FileChannel.open(file)) {
            sendBody(code, declared, PacedBody.file(in, offset), toSend);
        }
    }

    /** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
    private boolean notModified(String etag, Instant modified) {
        String noneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
        if (noneMatch != null) {
            return EntityTags.noneMatchHits(noneMatch, etag);
        }
        return HttpDates.parse(ex.getRequestHeaders().getFirst("If-Modified-Since"))
                .map(since -> !modified.isAfter(since))
                .orElse(false);
    }

    /** The range to send, or null for all of it; an If-Range that no longer matches means all of it. */
    private ByteRange rangeAsked(long size, String etag, String lastModified) {
        ByteRange range = ByteRange.parse(ex.getRequestHeaders().getFirst("Range"), size);
        String ifRange = ex.getRequestHeaders().getFirst("If-Range");
        if (range != null && ifRange != null && !ifRange.trim().equals(etag) && !ifRange.trim().equals(lastModified)) {
            return null;
        }
        return range;
    }

    private void sendEndless() throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            sendHeaders(200, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        sendHeaders(200, 0);
        body.write(PacedBody.pattern(), Long.MAX_VALUE, ex.getResponseBody());
    }

    /**
     * Sends {@code toSend} bytes of a body that {@code declared} to be that
     * long; if that is fewer, the connection is closed after them, as when
     * a server dies mid-transfer.
     */
    private void sendBody(int code, long declared, PacedBody.Source source, long toSend) throws IOException {
        // 0 would mean "chunked" to sendResponseHeaders; -1 is "no body".
        sendHeaders(code, declared == 0 ? -1 : declared);
        OutputStream out = ex.getResponseBody();
        body.write(source, toSend, out);
        if (toSend < declared) {
            // Closing a fixed-length body short of its length makes
            // com.sun.net.httpserver close the connection.
            ex.close();
        }
    }

    private void sendText(int code) throws IOException {
        boolean bodyAllowed = code >= 200 && code != 204 && code != 304 && !ex.getRequestMethod().equals("HEAD");
        if (!bodyAllowed) {
            sendHeaders(code, -1);
            return;
        }
        byte[] text = (code + "\n").getBytes(StandardCharsets.US_ASCII);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=us-ascii");
        sendHeaders(code, text.length);
        body.write(PacedBody.bytes(text), text.length, ex.getResponseBody());
    }

    private void sendHeaders(int code, long length) throws IOException {
        ex.sendResponseHeaders(code, length);
        headerBytes = headerBytes(code, ex.getResponseHeaders());
    }

    /**
     * The bytes com.sun.net.httpserver wrote for the status line and the
     * headers. It gives no access to its raw stream, so this recomputes what
     * it writes: "HTTP/1.1 CODE REASON\r\n", "Key: value\r\n" for every value
     * of the response headers as sendResponseHeaders left them (it adds
     * Date and Content-length or Transfer-encoding), then "\r\n".
     * FeedServerTest checks the sum against what a raw socket receives.
     */
    static long headerBytes(int code, Headers headers) {
        long n = ("HTTP/1.1 " + code + " " + JdkReasonPhrases.of(code) + "\r\n").length() + 2;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String value : e.getValue()) {
                n += e.getKey().length() + 2 + value.length() + 2;
            }
        }
        return n;
    }
}
