// The feed server as the helper's downloader and a curious client meet it:
// validators and 304, ranges and 416, HEAD, and every way of asking for
// something outside the directory answered with 404.
package org.upswap.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class FeedDirectoryServerTest {

    private static final String FEED = "{\"format\":1,\"product\":\"demo\",\"serial\":1,\"releases\":[]}";

    @TempDir
    Path base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Path dir;
    private byte[] artifact;
    private FeedDirectoryServer server;

    @BeforeEach
    void serve() throws IOException {
        dir = Files.createDirectories(base.resolve("feed"));
        Files.writeString(dir.resolve("feed.json"), FEED);
        artifact = new byte[10_000];
        for (int i = 0; i < artifact.length; i++) {
            artifact[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("demo-2.0.0"), artifact);
        Files.writeString(dir.resolve(".publish.lock"), "");
        Files.writeString(base.resolve("secret"), "outside");
        Files.createDirectories(dir.resolve("sub"));
        server = FeedDirectoryServer.start(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                (method, path, status, bytes) -> log.add(method + " " + path + " " + status + " " + bytes));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesAFileWithValidatorsAndItsType() throws Exception {
        HttpResponse<String> r = get("/feed.json");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FEED);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[0-9a-f]{32}\""));
        assertThat(r.headers().firstValue("Last-Modified")).isPresent();
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        awaitLog("GET /feed.json 200 " + FEED.length());
        assertThat(log).containsExactly("GET /feed.json 200 " + FEED.length());
    }

    /** The log line is written once the exchange is done, which may be just after the client has it all. */
    private void awaitLog(String line) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!log.contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void aMatchingEtagGets304AndAChangedFileGetsANewTag() throws Exception {
        String tag = get("/feed.json").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> same = get("/feed.json", "If-None-Match", tag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(get("/feed.json", "If-None-Match", "W/" + tag).statusCode()).isEqualTo(304);

        Files.writeString(dir.resolve("feed.json"), FEED.replace("\"serial\":1", "\"serial\":2"));
        HttpResponse<String> changed = get("/feed.json", "If-None-Match", tag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(tag);
    }

    @Test
    void ifModifiedSinceWorksWhenNoEtagIsGiven() throws Exception {
        Files.setLastModifiedTime(dir.resolve("feed.json"), FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));

        assertThat(get("/feed.json", "If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT").statusCode())
                .isEqualTo(304);
        assertThat(get("/feed.json", "If-Modified-Since", "Tue, 01 Dec 2026 09:59:59 GMT").statusCode())
                .isEqualTo(200);
        assertThat(get("/feed.json", "If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
    }

    @Test
    void aRangeGets206WithExactlyThoseBytes() throws Exception {
        HttpResponse<byte[]> r = getBytes("/demo-2.0.0", "Range", "bytes=9000-");

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 9000-9999/10000");
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(artifact, 9000, 10_000));

        HttpResponse<byte[]> middle = getBytes("/demo-2.0.0", "Range", "bytes=10-19");
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(artifact, 10, 20));
        HttpResponse<byte[]> suffix = getBytes("/demo-2.0.0", "Range", "bytes=-5");
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(artifact, 9995, 10_000));
    }

    @Test
    void aRangePastTheEndGets416AndSeveralRangesGetTheWholeFile() throws Exception {
        HttpResponse<byte[]> past = getBytes("/demo-2.0.0", "Range", "bytes=10000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */10000");

        HttpResponse<byte[]> several = getBytes("/demo-2.0.0", "Range", "bytes=0-1,5-6");
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(artifact);
    }

    @Test
    void ifRangeForAnotherVersionGetsTheWholeFile() throws Exception {
        String tag = get("/demo-2.0.0").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> same = getBytes("/demo-2.0.0", "Range", "bytes=0-9", "If-Range", tag);
        assertThat(same.statusCode()).isEqualTo(206);
        HttpResponse<byte[]> other = getBytes("/demo-2.0.0", "Range", "bytes=0-9", "If-Range", "\"0000\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).hasSize(10_000);
    }

    @Test
    void headHasTheLengthButNoBody() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/demo-2.0.0"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("10000");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/feed.json"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void missingFilesDirectoriesAndHiddenFilesAre404() throws Exception {
        assertThat(get("/nope.json").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).as("no listing").isEqualTo(404);
        assertThat(get("/sub").statusCode()).isEqualTo(404);
        assertThat(get("/sub/").statusCode()).isEqualTo(404);
        assertThat(get("/.publish.lock").statusCode()).isEqualTo(404);
    }

    @Test
    void nothingOutsideTheDirectoryCanBeReached() throws Exception {
        assertThat(rawStatus("/../secret")).isEqualTo(404);
        assertThat(rawStatus("/sub/../../secret")).isEqualTo(404);
        assertThat(rawStatus("/%2e%2e/secret")).isEqualTo(404);
        assertThat(rawStatus("/..%2fsecret")).isEqualTo(404);
        assertThat(rawStatus("/sub%2f..%2f..%2fsecret")).isEqualTo(404);
        assertThat(rawStatus("/%00feed.json")).isEqualTo(404);
        assertThat(rawStatus("/feed.json")).as("the same client reaches real files").isEqualTo(200);

        Files.createSymbolicLink(dir.resolve("escape"), base.resolve("secret"));
        Files.createSymbolicLink(dir.resolve("inside"), dir.resolve("feed.json"));
        assertThat(get("/escape").statusCode()).as("a symlink leading out").isEqualTo(404);
        assertThat(get("/inside").statusCode()).as("a symlink staying in").isEqualTo(200);
    }

    @Test
    void theUrlNamesTheBoundAddressAndPort() {
        assertThat(server.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    }

    private URI url(String path) {
        return server.url().resolve(path.substring(1));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The status for a request line sent exactly as written (HTTP clients would normalize the path). */
    private int rawStatus(String rawPath) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
