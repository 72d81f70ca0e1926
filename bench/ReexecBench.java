// ReexecBench — getting a running server onto its new binary, measured
// under load, next to the way most people do it, in the same run:
//
//   reexec   the demo server (helper/demo/upswap-demo.c with
//            libupswap-reexec) has its file renamed over and gets SIGHUP,
//            as the helper's signal:HUP policy does: it re-execs in place
//            with its listening socket
//   restart  the same server stopped (SIGTERM, wait) and started again from
//            the new file: what `systemctl restart` does
//
// For each: requests that failed; the longest gap between two answers and
// the p99 latency, in steady state (before the first switch: the machine's
// own noise) and in the second after each switch (goal: 0 failed, gap and
// p99 <= 50 ms). Then the cost of upswap_binary_changed()
// per call vs one stat() (bench/binary_changed.c).
//
// Run with bench/run reexec. Prints figures; asserts nothing about speed.
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

public class ReexecBench {
    static final int CLIENTS = 2;
    static final int SWITCHES = 10;
    static final long STEADY_MS = 3000;
    static final long AROUND_MS = 1000;

    record Sample(long startNs, long endNs, boolean ok) {}

    public static void main(String[] args) throws Exception {
        Path demoDir = Path.of(System.getProperty("demo.dir", "helper/build/demo")).toAbsolutePath();
        Path work = Files.createTempDirectory("upswap-reexec-bench-");
        try {
            System.out.printf("%n== re-exec under load: %d switches, %d clients on 127.0.0.1 (same run)%n", SWITCHES,
                    CLIENTS);
            System.out.printf("%-38s %8s %7s %12s %12s %12s %12s%n", "", "requests", "failed", "gap steady",
                    "gap switch", "p99 steady", "p99 switch");
            run("re-exec in place (signal:HUP)", work, demoDir, false);
            run("stop + start (like systemctl restart)", work, demoDir, true);
            System.out.println("goal: 0 failed; gap and p99 during the switch <= 50 ms");
            cost(work);
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    static void run(String name, Path work, Path demoDir, boolean restart) throws Exception {
        Path bin = work.resolve("bin");
        Files.createDirectories(bin);
        Path app = bin.resolve("demo");
        Path[] versions = {demoDir.resolve("upswap-demo-1.0.0"), demoDir.resolve("upswap-demo-2.0.0")};
        install(versions[0], app);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process[] server = {start(app, port)};
        awaitUp(port);

        List<List<Sample>> perClient = new ArrayList<>();
        AtomicBoolean on = new AtomicBoolean(true);
        Map<String, Integer> reasons = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            List<Sample> mine = new ArrayList<>();
            perClient.add(mine);
            Thread t = new Thread(() -> {
                while (on.get()) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = get(port);
                        if (!ok) {
                            reasons.merge("incomplete answer", 1, Integer::sum);
                        }
                    } catch (IOException e) {
                        ok = false;
                        reasons.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                    }
                    mine.add(new Sample(t0, System.nanoTime(), ok));
                    if (!ok) {
                        sleepMs(1); // a client retrying after a refusal, not a busy loop
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(STEADY_MS);
        List<Long> switchAt = new ArrayList<>();
        for (int i = 1; i <= SWITCHES; i++) {
            switchAt.add(System.nanoTime());
            if (restart) {
                // Stopped before the new file lands, so the demo's own
                // re-exec at its safe point cannot get in first.
                server[0].destroy();
                if (!server[0].waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("demo server ignored SIGTERM");
                }
                install(versions[i % 2], app);
                server[0] = start(app, port);
            } else {
                install(versions[i % 2], app);
                new ProcessBuilder("kill", "-HUP", Long.toString(server[0].pid())).start().waitFor();
            }
            Thread.sleep(AROUND_MS + 200);
        }
        on.set(false);
        for (Thread t : threads) {
            t.join();
        }
        server[0].destroy();
        server[0].waitFor(10, TimeUnit.SECONDS);

        List<Sample> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        all.sort((a, b) -> Long.compare(a.endNs, b.endNs));
        long failed = all.stream().filter(s -> !s.ok).count();
        // The longest wait between two answers, before the first switch
        // (what the machine's own noise gives) and around the switches.
        long gapSteady = 0, gapSwitch = 0, lastOk = -1;
        long firstSwitch = switchAt.get(0);
        for (Sample s : all) {
            if (!s.ok) {
                continue;
            }
            if (lastOk >= 0) {
                long g = s.endNs - lastOk;
                if (s.endNs < firstSwitch) {
                    gapSteady = Math.max(gapSteady, g);
                } else {
                    gapSwitch = Math.max(gapSwitch, g);
                }
            }
            lastOk = s.endNs;
        }
        List<Long> steady = new ArrayList<>(), around = new ArrayList<>();
        for (Sample s : all) {
            if (!s.ok) {
                continue;
            }
            long lat = s.endNs - s.startNs;
            boolean near = switchAt.stream().anyMatch(t -> s.startNs >= t - 50_000_000L && s.startNs < t + AROUND_MS * 1_000_000L);
            if (near) {
                around.add(lat);
            } else if (s.endNs < firstSwitch) {
                steady.add(lat);
            }
        }
        System.out.printf("%-38s %8d %7d %9.1f ms %9.1f ms %9.2f ms %9.2f ms%n", name, all.size(), failed,
                gapSteady / 1e6, gapSwitch / 1e6, p99(steady) / 1e6, p99(around) / 1e6);
        reasons.forEach((why, n) -> System.out.printf("    %6d x %s%n", n, why));
    }

    static void cost(Path work) throws Exception {
        System.out.printf("%n== upswap_binary_changed(): cost per call vs one stat() of the same path%n");
        Path exe = work.resolve("binary_changed");
        Process cc = new ProcessBuilder("gcc", "-O2", "-D_GNU_SOURCE", "-Ihelper/include", "-o", exe.toString(),
                "bench/binary_changed.c", "helper/build/libupswap-reexec.a").inheritIO().start();
        if (cc.waitFor() != 0) {
            throw new IOException("cannot build bench/binary_changed.c");
        }
        new ProcessBuilder(exe.toString()).inheritIO().start().waitFor();
    }

    static double p99(List<Long> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.99) - 1));
    }

    /** The way upswap installs: a new file renamed over the old one. */
    static void install(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(".demo.new");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
    }

    static Process start(Path app, int port) throws IOException {
        return new ProcessBuilder(app.toString(), "--serve", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void awaitUp(int port) throws Exception {
        for (int i = 0; i < 500; i++) {
            try {
                if (get(port)) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IOException("demo server did not come up on port " + port);
    }

    static boolean get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.startsWith("HTTP/1.1 200 ") && answer.contains("upswap-demo ");
        }
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
