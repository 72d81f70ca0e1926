package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.PokeSender;
import org.upswap.client.model.HelperStatus;

/**
 * Hostile or broken clients against the real helper: garbage, oversized and
 * malformed lines, unknown kinds, a thousand connections, a client that
 * never reads, and a flood of pokes. The helper must answer each with the
 * documented error, stay responsive to everyone else, and stay small.
 */
class HostileInputIT {
    static final ObjectMapper JSON = new ObjectMapper();
    // The documented worst case is ~35 MiB of buffers; idle is ~5 MiB.
    static final long MEMORY_BOUND_KIB = HelperSandbox.memoryBoundKiB(48 * 1024);

    @TempDir
    Path tmp;
    HelperSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\nmin_check_interval = 60s\n");
        sandbox.addTarget("app", HelperSandbox.bytes("v1"), null);
        sandbox.publish("app", "1.0.0", HelperSandbox.bytes("v1"));
        sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static JsonNode parse(String line) throws IOException {
        assertThat(line).as("a line from the helper").isNotNull();
        return JSON.readTree(line);
    }

    @Test
    void garbageGetsParseErrorAndDisconnect() throws Exception {
        for (String garbage : List.of("not json\n", "[1,2,3]\n", "{\"id\":1,\"kind\":\n",
                "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}\n", "\u0000\u0001\u0002\n")) {
            try (RawConnection c = new RawConnection(sandbox.helperSocket(), true)) {
                c.send(garbage);
                JsonNode err = parse(c.next());
                assertThat(err.path("kind").asText()).isEqualTo("error");
                assertThat(err.path("code").asText()).isEqualTo("parse-error");
                assertThat(err.path("message").asText()).isNotBlank();
                assertThat(c.next()).as("connection closed after garbage").isNull();
            }
        }
        assertResponsive();
    }

    @Test
    void oversizedLineIsRefusedBeforeParsing() throws Exception {
        try (RawConnection c = new RawConnection(sandbox.helperSocket(), true)) {
            c.send("{\"id\":1,\"kind\":\"hello\",\"protocol\":1,\"client\":\"" + "x".repeat(200_000));
            JsonNode err = parse(c.next());
            assertThat(err.path("code").asText()).isEqualTo("parse-error");
            assertThat(err.path("message").asText()).contains("longer than");
            assertThat(c.next()).isNull();
        }
        assertResponsive();
    }

    @Test
    void wellFormedButWrongRequestsKeepTheConnection() throws Exception {
        try (RawConnection c = new RawConnection(sandbox.helperSocket(), true)) {
            c.send("{\"id\":1,\"kind\":\"status\"}\n");
            assertThat(parse(c.next()).path("code").asText()).isEqualTo("hello-required");
            c.send("{\"id\":2,\"kind\":\"hello\",\"protocol\":99}\n");
            JsonNode v = parse(c.next());
            assertThat(v.path("code").asText()).isEqualTo("protocol-version");
            assertThat(v.path("message").asText()).contains("protocol 1");
            c.send("{\"id\":3,\"kind\":\"hello\",\"protocol\":1}\n");
            assertThat(parse(c.next()).path("kind").asText()).isEqualTo("reply");
            c.send("{\"id\":4,\"kind\":\"frobnicate\"}\n");
            JsonNode unknown = parse(c.next());
            assertThat(unknown.path("code").asText()).isEqualTo("unknown-kind");
            assertThat(unknown.path("id").asLong()).isEqualTo(4);
            c.send("{\"id\":5,\"kind\":\"status\",\"verbose\":true}\n");
            assertThat(parse(c.next()).path("code").asText()).isEqualTo("unknown-field");
            c.send("{\"id\":6,\"kind\":\"update\",\"target\":\"../../etc/passwd\"}\n");
            assertThat(parse(c.next()).path("code").asText()).isEqualTo("bad-request");
            c.send("{\"id\":7,\"kind\":\"update\",\"target\":\"ghost\"}\n");
            assertThat(parse(c.next()).path("code").asText()).isEqualTo("unknown-target");
            // Still the same connection, still served.
            c.send("{\"id\":8,\"kind\":\"status\"}\n");
            JsonNode ok = parse(c.next());
            assertThat(ok.path("id").asLong()).isEqualTo(8);
            assertThat(ok.path("result").path("targets").size()).isEqualTo(1);
        }
    }

    @Test
    void aThousandConnectionsDoNotLockOthersOut() throws Exception {
        try (HelperClient control = HelperClient.connect(sandbox.helperSocket())) {
            List<RawConnection> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    flood.add(new RawConnection(sandbox.helperSocket(), false));
                }
                long t0 = System.nanoTime();
                HelperStatus s = HelperClient.await(control.status());
                assertThat(s.targets()).hasSize(1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                assertThat(sandbox.rssKiB()).isLessThan(MEMORY_BOUND_KIB);
            } finally {
                for (RawConnection c : flood) {
                    c.close();
                }
            }
            assertThat(sandbox.log()).contains("too many connections");
        }
        assertResponsive();
    }

    @Test
    void clientThatNeverReadsIsDroppedOthersAreServed() throws Exception {
        AtomicBoolean writeFailed = new AtomicBoolean();
        try (RawConnection slow = new RawConnection(sandbox.helperSocket(), false);
             HelperClient control = HelperClient.connect(sandbox.helperSocket())) {
            Thread writer = new Thread(() -> {
                try {
                    slow.send("{\"id\":1,\"kind\":\"hello\",\"protocol\":1}\n");
                    String req = "{\"id\":2,\"kind\":\"list-targets\"}\n".repeat(100);
                    for (int i = 0; i < 20_000; i++) {
                        slow.send(req);
                    }
                } catch (IOException e) {
                    writeFailed.set(true); // the helper hung up on us: expected
                }
            }, "never-reads");
            writer.setDaemon(true);
            writer.start();
            // Meanwhile everyone else gets quick answers.
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HelperClient.await(control.status());
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            }
            writer.join(60_000);
            assertThat(writeFailed).as("the helper disconnects a client that does not read").isTrue();
            assertThat(sandbox.log()).contains("is not reading its messages");
            assertThat(sandbox.rssKiB()).isLessThan(MEMORY_BOUND_KIB);
        }
        assertResponsive();
    }

    @Test
    void hundredThousandPokesCostOneCheck() throws Exception {
        PokeSender poke = new PokeSender(sandbox.pokeSocket());
        try (HelperClient control = HelperClient.connect(sandbox.helperSocket())) {
            long checksBefore = HelperClient.await(control.status()).stats().checks();
            for (int i = 0; i < 100_000; i++) {
                poke.poke();
            }
            HelperStatus s = null;
            for (int i = 0; i < 200; i++) {
                s = HelperClient.await(control.status());
                if (s.stats().pokes() == 100_000 && s.state().wireName().equals("idle")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(s.stats().pokes()).isEqualTo(100_000);
            assertThat(s.stats().pokesIgnored()).isEqualTo(99_999);
            assertThat(s.stats().checks() - checksBefore).as("one check for the whole flood").isEqualTo(1);
            assertThat(sandbox.rssKiB()).isLessThan(MEMORY_BOUND_KIB);
        }
    }

    private void assertResponsive() throws Exception {
        long t0 = System.nanoTime();
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            assertThat(HelperClient.await(c.status()).targets()).hasSize(1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(sandbox.process().isAlive()).isTrue();
    }
}
