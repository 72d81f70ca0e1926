package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FeedServer behaves like a real HTTP server, and each fault does what its
 * name says, seen from real clients: the JDK's HttpClient, and a raw socket
 * where a client library would hide the bytes.
 */
class FeedServerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;
    Path dir;
    FeedServer server;
    HttpClient http;
    byte[] artifact;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createDirectories(tmp.resolve("feeds"));
        artifact = new byte[100_000];
        new Random(7).nextBytes(artifact);
        Files.createDirectories(dir.resolve("app"));
        Files.write(dir.resolve("app/app-2.0.0"), artifact);
        Files.writeString(dir.resolve("app/feed.json"), "{\"product\":\"app\"}\n");
        server = new FeedServer(dir);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.url(path))).timeout(TIMEOUT);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofByteArray());
    }

    @Test
    void servesFilesWithValidators() throws Exception {
        assertThat(server.url("/app/feed.json")).isEqualTo("http://127.0.0.1:" + server.port() + "/app/feed.json");
        HttpResponse<byte[]> r = send(get("app/app-2.0.0").header("X-Test", "first"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(artifact);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("100000");
        assertThat(r.headers().firstValue("ETag")).get().asString().matches("\"[0-9a-f]{32}\"");
        Instant modified = Files.getLastModifiedTime(dir.resolve("app/app-2.0.0")).toInstant();
        assertThat(HttpDates.parse(r.headers().firstValue("Last-Modified").orElseThrow()))
                .hasValue(modified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        HttpResponse<byte[]> head = send(get("app/app-2.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("100000");
        assertThat(head.headers().firstValue("ETag")).isEqualTo(r.headers().firstValue("ETag"));

        assertThat(server.requests("app/app-2.0.0")).isEqualTo(2);
        assertThat(server.bodyBytesSent("app/app-2.0.0")).isEqualTo(100_000);
        assertThat(server.requests("app/feed.json")).isZero();
    }

    @Test
    void lastRequestHeadersAreKept() throws Exception {
        send(get("app/feed.json").header("X-Test", "yes"));
        assertThat(server.lastRequestHeaders("app/feed.json").get("x-test")).containsExactly("yes");
    }

    @Test
    void changedEtagOrDateMeansNotModifiedInAFewBytes() throws Exception {
        String etag = send(get("app/feed.json")).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> same = send(get("app/feed.json").header("If-None-Match", etag));
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();

        String raw = rawExchange("GET /app/feed.json HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: " + etag
                + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 304 ");
        assertThat(raw.lines().skip(1).filter(l -> !l.isEmpty()).map(l -> l.substring(0, l.indexOf(':'))))
                .containsExactlyInAnyOrder("Date", "Etag");
        assertThat(server.lastResponseWireBytes("app/feed.json")).isEqualTo(raw.length()).isLessThanOrEqualTo(300);

        String later = HttpDates.format(Instant.now().plusSeconds(60));
        assertThat(send(get("app/feed.json").header("If-Modified-Since", later)).statusCode()).isEqualTo(304);
        String earlier = HttpDates.format(Instant.now().minusSeconds(3600));
        assertThat(send(get("app/feed.json").header("If-Modified-Since", earlier)).statusCode()).isEqualTo(200);

        Files.writeString(dir.resolve("app/feed.json"), "{\"product\":\"app\",\"serial\":2}\n");
        HttpResponse<byte[]> changed = send(get("app/feed.json").header("If-None-Match", etag));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).get().isNotEqualTo(etag);
    }

    @Test
    void wireBytesMatchWhatARawClientReceives() throws Exception {
        String full = rawExchange("GET /app/feed.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(full).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"product\":\"app\"}\n");
        assertThat(server.lastResponseWireBytes("app/feed.json")).isEqualTo(full.length());

        String part = rawExchange("GET /app/app-2.0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=99990-\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(part).startsWith("HTTP/1.1 206 Partial Content\r\n");
        assertThat(server.lastResponseWireBytes("app/app-2.0.0")).isEqualTo(part.length());

        String missing = rawExchange("GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(server.lastResponseWireBytes("nothing")).isEqualTo(missing.length());
    }

    @Test
    void rangesResumeAndPastTheEndIs416() throws Exception {
        HttpResponse<byte[]> tail = send(get("app/app-2.0.0").header("Range", "bytes=60000-"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 60000-99999/100000");
        assertThat(tail.headers().firstValue("Content-Length")).hasValue("40000");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(artifact, 60_000, 100_000));

        HttpResponse<byte[]> middle = send(get("app/app-2.0.0").header("Range", "bytes=10-19"));
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(artifact, 10, 20));

        HttpResponse<byte[]> beyond = send(get("app/app-2.0.0").header("Range", "bytes=100000-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */100000");

        HttpResponse<byte[]> stale = send(get("app/app-2.0.0").header("Range", "bytes=60000-")
                .header("If-Range", "\"0000\""));
        assertThat(stale.statusCode()).as("If-Range no longer matches: the whole file").isEqualTo(200);
        assertThat(stale.body()).isEqualTo(artifact);
    }

    @Test
    void missingFilesAndDirectoriesAre404() throws Exception {
        assertThat(send(get("app/app-3.0.0")).statusCode()).isEqualTo(404);
        assertThat(send(get("app")).statusCode()).isEqualTo(404);
        assertThat(send(get("")).statusCode()).isEqualTo(404);
    }

    @Test
    void neverServesOutsideItsDirectory() throws Exception {
        Files.writeString(tmp.resolve("secret"), "root's secret\n");
        Files.createSymbolicLink(dir.resolve("app/link"), tmp.resolve("secret"));
        for (String path : List.of("/../secret", "/app/../../secret", "/%2e%2e/secret", "/app/%2E%2E/%2e%2e/secret")) {
            String raw = rawExchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(raw).as(path).startsWith("HTTP/1.1 400 ").doesNotContain("secret");
        }
        assertThat(send(get("app/link")).statusCode()).isEqualTo(404);
    }

    @Test
    void dropCutsTheConnectionOnceThenServesNormally() throws Exception {
        server.dropAfter("app/app-2.0.0", 1000);
        String raw = rawExchange("GET /app/app-2.0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(raw).contains("Content-length: 100000\r\n");
        assertThat(raw.length() - raw.indexOf("\r\n\r\n") - 4).as("body bytes before the cut").isEqualTo(1000);
        assertThat(server.bodyBytesSent("app/app-2.0.0")).isEqualTo(1000);

        HttpResponse<byte[]> again = send(get("app/app-2.0.0"));
        assertThat(again.body()).isEqualTo(artifact);
        assertThat(server.requests("app/app-2.0.0")).isEqualTo(2);
    }

    @Test
    void dropIsAShortReadForAClient() throws Exception {
        server.dropAfter("app/app-2.0.0", 1000);
        assertThatThrownBy(() -> send(get("app/app-2.0.0"))).isInstanceOf(IOException.class);
    }

    @Test
    void endlessGoesOnUntilTheClientHangsUpAndOthersAreStillServed() throws Exception {
        server.endless("forever");
        HttpResponse<InputStream> r = http.send(get("forever").build(), BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        long read = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[64 * 1024];
            while (read <= 10 * 1024 * 1024) {
                int n = in.read(buf);
                assertThat(n).as("endless body ended").isPositive();
                read += n;
            }
            assertThat(send(get("app/feed.json")).statusCode()).as("served meanwhile").isEqualTo(200);
        }
        awaitNoActiveResponses();
        assertThat(server.bodyBytesSent("forever")).isGreaterThanOrEqualTo(read);
    }

    @Test
    void lyingLengthAboveTheSizeCutsShortBelowItTruncates() throws Exception {
        server.lieLength("app/app-2.0.0", 200_000);
        String raw = rawExchange("GET /app/app-2.0.0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(raw).contains("Content-length: 200000\r\n");
        assertThat(raw.length() - raw.indexOf("\r\n\r\n") - 4).isEqualTo(100_000);
        assertThatThrownBy(() -> send(get("app/app-2.0.0"))).isInstanceOf(IOException.class);

        server.lieLength("app/app-2.0.0", 500);
        HttpResponse<byte[]> r = send(get("app/app-2.0.0"));
        assertThat(r.headers().firstValue("Content-Length")).hasValue("500");
        assertThat(r.body()).isEqualTo(Arrays.copyOf(artifact, 500));
    }

    @Test
    void stallPausesMidBody() throws Exception {
        server.stall("app/app-2.0.0", 1000, 600);
        HttpResponse<InputStream> r = http.send(get("app/app-2.0.0").build(), BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOf(artifact, 1000));
            long before = System.nanoTime();
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(artifact, 1000, artifact.length));
            Duration pause = Duration.ofNanos(System.nanoTime() - before);
            assertThat(pause).as("rest of the body after the stall").isBetween(Duration.ofMillis(500), TIMEOUT);
        }
    }

    @Test
    void slowTricklesAtTheGivenRate() throws Exception {
        server.slow("app/app-2.0.0", 200_000);
        long start = System.nanoTime();
        HttpResponse<byte[]> r = send(get("app/app-2.0.0"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.body()).isEqualTo(artifact);
        assertThat(took).as("100 kB at 200 kB/s").isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
    }

    @Test
    void statusAndRedirectReplaceTheFileUntilCleared() throws Exception {
        server.status("app/feed.json", 500);
        assertThat(send(get("app/feed.json")).statusCode()).isEqualTo(500);
        server.status("app/feed.json", 503);
        assertThat(send(get("app/feed.json")).statusCode()).isEqualTo(503);

        server.redirect("old/feed.json", server.url("app/feed.json"));
        HttpResponse<byte[]> moved = send(get("old/feed.json"));
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(moved.headers().firstValue("Location")).hasValue(server.url("app/feed.json"));

        server.clearFaults();
        HttpResponse<byte[]> ok = send(get("app/feed.json"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).contains("\"product\"");

        server.redirect("old/feed.json", server.url("app/feed.json"));
        HttpClient following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<byte[]> followed = following.send(get("old/feed.json").build(), BodyHandlers.ofByteArray());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.uri().getPath()).isEqualTo("/app/feed.json");
    }

    @Test
    void closeEndsResponsesStillBeingWritten() throws Exception {
        server.stall("app/app-2.0.0", 10, 60_000);
        HttpResponse<InputStream> r = http.send(get("app/app-2.0.0").build(), BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(in.readNBytes(10)).hasSize(10);
            long start = System.nanoTime();
            server.close();
            assertThat(server.activeResponses()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** One request over a plain socket; the whole response as ISO-8859-1 text (one char per byte). */
    String rawExchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout((int) TIMEOUT.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(got);
            } catch (IOException reset) {
                // a cut connection may end in a reset: what arrived before it counts
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    void awaitNoActiveResponses() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.activeResponses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.activeResponses()).as("responses still being written").isZero();
    }
}
