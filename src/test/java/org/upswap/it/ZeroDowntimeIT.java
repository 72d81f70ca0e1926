package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.model.UpdatedEvent;

/**
 * The whole point of re-exec: a real server (the demo program, linked with
 * libupswap-reexec) keeps answering while the real helper swaps its binary
 * ten times under load. Each swap is noticed at the server's safe point, the
 * server re-execs under the same pid with its listening socket, and not a
 * single request fails.
 */
class ZeroDowntimeIT {
    private static final int SWAPS = 10;
    private static final int CLIENTS = 4;

    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    HelperClient client;
    Process server;
    final EventLog events = new EventLog();

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static Path demo(String version) {
        return Path.of(System.getProperty("upswap.basedir"), "helper/build/demo/upswap-demo-" + version);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One request on a fresh connection, as the server closes each one. */
    static String get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!answer.startsWith("HTTP/1.1 200 ") || !answer.contains("\r\n\r\nupswap-demo ")) {
                throw new IOException("unexpected answer: " + answer);
            }
            return answer.substring(answer.indexOf("\r\n\r\n") + 4).trim();
        }
    }

    private static String awaitBody(int port, String expected, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(end)) {
            last = get(port);
            if (last.startsWith(expected)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("server still answers '" + last + "', expected '" + expected + "'");
    }

    @Test
    void tenSwapsUnderLoadLoseNoRequest() throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n");
        byte[] v1 = Files.readAllBytes(demo("1.0.0"));
        byte[] v2 = Files.readAllBytes(demo("2.0.0"));
        // SIGHUP wakes the server at once; without it the server still
        // finds the new binary at its next safe point.
        Path target = sandbox.addTarget("demo", v1, "restart = signal:HUP\n");
        sandbox.publish("demo", "1.0.0", v1);
        sandbox.publish("demo", "2.0.0", v2);
        sandbox.start();
        client = HelperClient.connect(sandbox.helperSocket());
        client.addListener(events);
        HelperClient.await(client.subscribe());

        int port = freePort();
        server = new ProcessBuilder(target.toString(), "--serve", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
        long pid = server.pid();
        Instant up = Instant.now().plusSeconds(10);
        while (true) {
            try {
                get(port);
                break;
            } catch (IOException notYet) {
                assertThat(Instant.now()).as("server listening").isBefore(up);
                Thread.sleep(20);
            }
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Queue<String> pids = new ConcurrentLinkedQueue<>();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread t = new Thread(() -> {
                while (loading.get()) {
                    try {
                        String body = get(port);
                        ok.incrementAndGet();
                        String p = body.substring(body.indexOf(" pid ") + 5);
                        if (!p.equals(Long.toString(pid))) {
                            pids.add(p);
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                }
            }, "load-" + i);
            t.start();
            load.add(t);
        }

        try {
            for (int i = 0; i < SWAPS; i++) {
                boolean back = i % 2 == 1;
                long job = HelperClient.await(back ? client.rollback("demo") : client.update("demo", null, false)).job();
                UpdatedEvent done = events.await(UpdatedEvent.class, e -> e.job() == job);
                assertThat(done.rollback()).isEqualTo(back);
                String want = "upswap-demo " + (back ? "1.0.0" : "2.0.0");
                try {
                    awaitBody(port, want, Duration.ofSeconds(20));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + " after swap " + (i + 1) + "\nserver log:\n"
                            + Files.readString(tmp.resolve("server.log")) + "\nhelper log:\n" + sandbox.log(), e);
                }
            }
        } finally {
            loading.set(false);
            for (Thread t : load) {
                t.join(20_000);
            }
        }

        assertThat(failures).as("requests that failed during %d swaps", SWAPS).isEmpty();
        assertThat(pids).as("answers from another process").isEmpty();
        assertThat(ok.get()).isGreaterThan(SWAPS);
        assertThat(server.isAlive()).isTrue();
        String log = Files.readString(tmp.resolve("server.log"));
        assertThat(log.split("took over the listening socket", -1)).as(log).hasSize(SWAPS + 1);
        assertThat(get(port)).isEqualTo("upswap-demo 1.0.0 pid " + pid);

        server.destroy();
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as("clean exit on SIGTERM").isZero();
    }
}
