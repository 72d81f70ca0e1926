// `upswap serve` as a publisher runs it: it says where it serves, serves,
// logs each request, and stops on Ctrl-C with status 0.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesUntilCtrlC() throws Exception {
        Files.writeString(dir.resolve("feed.json"), "{}");
        CliHarness cli = new CliHarness();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> cli.run("serve", dir.toString()));
        cli.awaitOut(out -> out.contains("feed.json"), "the feed URL");

        Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)feed\\.json").matcher(cli.out());
        assertThat(url.find()).as(cli.out()).isTrue();
        assertThat(cli.out()).contains("serving " + dir + " at " + url.group(1));
        HttpResponse<String> feed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "feed.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feed.body()).isEqualTo("{}");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cli.err().contains("GET /feed.json") && System.nanoTime() < deadline) {
            Thread.sleep(5); // logged once the exchange is done, maybe just after the client has it all
        }
        assertThat(cli.err()).contains("GET /feed.json 200 2");

        cli.interrupt();
        assertThat(status.get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void jsonGivesTheUrlsForScripts() throws Exception {
        CliHarness cli = new CliHarness();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> cli.run("serve", "--json", "--port", "0", dir.toString()));
        cli.awaitOut(out -> out.contains("\"feed\""), "the JSON line");
        cli.interrupt();

        assertThat(status.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(cli.out()).matches("(?s)\\{\"url\":\"http://127\\.0\\.0\\.1:\\d+/\",\"feed\":\"http://127\\.0\\.0\\.1:"
                + "\\d+/feed\\.json\",\"dir\":\".*\"}\\s*");
    }

    @Test
    void aMissingDirectoryIsAFailure() {
        CliHarness cli = new CliHarness();
        assertThat(cli.run("serve", dir.resolve("missing").toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err()).contains("is not a directory");
    }

    @Test
    void aBusyPortIsAFailureThatSaysSo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliHarness cli = new CliHarness();
            assertThat(cli.run("serve", "--port", Integer.toString(taken.getLocalPort()), dir.toString()))
                    .isEqualTo(ExitCodes.FAILED);
            assertThat(cli.err()).contains("cannot listen on 127.0.0.1 port " + taken.getLocalPort());
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliHarness cli = new CliHarness();
        assertThat(cli.run("serve", "--port", "70000", dir.toString())).isEqualTo(ExitCodes.USAGE);
    }
}
