// HelperBench — figures for upswap-helper, each next to a well-known peer
// measured in the same run on the same machine:
//
//   idle  RSS and wake-ups of an idle helper over N seconds, vs an idle
//         dbus-daemon (a small, well-known event-loop daemon)
//   swap  installing a 100 MB binary (request → `updated` event, which
//         includes hashing, fsync of file and directory, the rollback link
//         and the journal) vs `cp` to a temp file + `mv` + `sync`
//   poke  poke datagram → `checking` state event latency, vs a plain
//         request/reply round trip on the same socket (the IPC floor)
//   download  a 200 MB artifact from nginx on 127.0.0.1: the helper's
//         download (request → download complete, signed feed checked first)
//         vs `curl -o` from the same server; the helper's peak RSS
//   304   an unchanged signed feed: bytes nginx sent for the helper's
//         conditional check and its time, vs a conditional `curl`
//
// Run with bench/run (builds first). Prints figures; it is not a test and
// asserts nothing about speed.
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.upswap.client.HelperClient;
import org.upswap.client.PokeSender;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.TargetState;

public class HelperBench {
    static Path helper;

    public static void main(String[] args) throws Exception {
        helper = Path.of(System.getProperty("upswap.helper", "helper/build/upswap-helper")).toAbsolutePath();
        String what = args.length > 0 ? args[0] : "all";
        int idleSeconds = Integer.parseInt(System.getProperty("idle.seconds", "60"));
        if (what.equals("all") || what.equals("idle")) idle(idleSeconds);
        if (what.equals("all") || what.equals("swap")) swap(100 * 1000 * 1000, 5);
        if (what.equals("all") || what.equals("poke")) poke(200);
        if (what.equals("all") || what.equals("download") || what.equals("304")) {
            try (Nginx nginx = Nginx.start(Path.of(System.getProperty("bench.dir", "/var/tmp")))) {
                if (!what.equals("304")) download(nginx, 200 * 1000 * 1000, 3);
                if (!what.equals("download")) notModified(nginx, 20);
            }
        }
    }

    // ---- sandbox --------------------------------------------------------------

    record Sandbox(Path root, Process process) implements AutoCloseable {
        Path sock() { return root.resolve("run/upswap/helper.sock"); }
        Path poke() { return root.resolve("run/upswap/poke.sock"); }
        Path target() { return root.resolve("opt/app/bin/app"); }
        Path feed() { return root.resolve("srv/feed"); }

        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            if (System.getProperty("bench.log") != null) {
                Files.copy(root.resolve("helper.log"), Path.of(System.getProperty("bench.log")),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            run("rm", "-rf", root.toString());
        }
    }

    static Sandbox sandbox(String helperConf, byte[] installed) throws Exception {
        Path root = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/var/tmp")), "upswap-bench-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("etc/upswap/targets.d"));
        Files.createDirectories(root.resolve("opt/app/bin"));
        Files.createDirectories(root.resolve("srv/feed"));
        Files.writeString(root.resolve("etc/upswap/helper.conf"), helperConf);
        Files.write(root.resolve("opt/app/bin/app"), installed);
        Files.writeString(root.resolve("etc/upswap/targets.d/app.conf"),
                "path = " + root.resolve("opt/app/bin/app") + "\nsource = " + root.resolve("srv/feed/feed.json")
                        + "\ninterval = 1d\n");
        writeFeed(root.resolve("srv/feed"), 1, null, null);
        Process p = new ProcessBuilder(helper.toString(), "--root", root.toString(), "--foreground", "--no-polkit",
                "--log-level", "notice").redirectErrorStream(true).redirectOutput(root.resolve("helper.log").toFile())
                .start();
        for (int i = 0; i < 500 && !Files.exists(root.resolve("run/upswap/helper.sock")); i++) Thread.sleep(10);
        Thread.sleep(100);
        return new Sandbox(root, p);
    }

    static void writeFeed(Path dir, long serial, String version, byte[] bytes) throws Exception {
        String releases = "";
        if (version != null) {
            Files.write(dir.resolve("app-" + version), bytes);
            releases = "{\"version\":\"" + version + "\",\"url\":\"app-" + version + "\",\"size\":" + bytes.length
                    + ",\"sha256\":\"" + sha256(bytes) + "\"}";
        }
        Files.writeString(dir.resolve("feed.json"), "{\"format\":1,\"product\":\"app\",\"serial\":" + serial
                + ",\"releases\":[" + releases + "]}");
    }

    // ---- idle -----------------------------------------------------------------

    static void idle(int seconds) throws Exception {
        System.out.printf("%n== idle: RSS and wake-ups over %d s (helper vs dbus-daemon, same run)%n", seconds);
        try (Sandbox s = sandbox("check_on_start = no\n", "x".getBytes())) {
            Path bus = s.root().resolve("bus");
            Process dbus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile",
                    "--address=unix:path=" + bus).redirectErrorStream(true).start();
            try (HelperClient c = HelperClient.connect(s.sock())) {
                c.status().get(); // one client came and went: the usual life of a helper
            }
            Thread.sleep(2000);
            long[] h0 = procStats(s.process().pid()), d0 = procStats(dbus.pid());
            Thread.sleep(seconds * 1000L);
            long[] h1 = procStats(s.process().pid()), d1 = procStats(dbus.pid());
            long[] hm = memory(s.process().pid()), dm = memory(dbus.pid());
            dbus.destroy();
            long hw = h1[1] - h0[1], dw = d1[1] - d0[1];
            System.out.printf("%-14s %9s %9s %9s %9s %10s%n", "", "RSS", "PSS", "dirty", "libcrypto", "wake-ups");
            System.out.printf("%-14s %5.2f MiB %5.2f MiB %5.2f MiB %5.2f MiB %4d (%.1f/min)%n", "upswap-helper",
                    h1[0] / 1024.0, hm[0] / 1024.0, hm[1] / 1024.0, hm[2] / 1024.0, hw, hw * 60.0 / seconds);
            System.out.printf("%-14s %5.2f MiB %5.2f MiB %5.2f MiB %5.2f MiB %4d (%.1f/min)%n", "dbus-daemon",
                    d1[0] / 1024.0, dm[0] / 1024.0, dm[1] / 1024.0, dm[2] / 1024.0, dw, dw * 60.0 / seconds);
            System.out.printf("ratio helper/dbus-daemon: RSS %.2fx, dirty %.2fx   (goal: helper <= 3 MB, 0 wake-ups)%n",
                    (double) h1[0] / d1[0], (double) hm[1] / dm[1]);
            System.out.printf("anchors on this machine type: fwupd ~26 MiB 15/min, packagekitd ~20 MiB 12/min%n");
        }
    }

    /** {PSS, private dirty (what cannot be dropped or shared), RSS of libcrypto} in KiB, from smaps. */
    static long[] memory(long pid) throws IOException {
        long pss = 0, priv = 0, crypto = 0;
        String mapping = "";
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (Character.isDigit(l.charAt(0)) || (l.charAt(0) >= 'a' && l.charAt(0) <= 'f' && l.contains("-"))) {
                String[] f = l.trim().split("\\s+");
                mapping = f.length >= 6 ? f[5] : "";
            } else if (l.startsWith("Pss:")) {
                pss += num(l);
            } else if (l.startsWith("Private_Dirty:")) {
                priv += num(l);
            } else if (l.startsWith("Rss:") && mapping.contains("libcrypto")) {
                crypto += num(l);
            }
        }
        return new long[] {pss, priv, crypto};
    }

    /** Sum of the RSS of a process's children (the running upswap-fetch), KiB. */
    static long childrenRssKiB(long pid) {
        long sum = 0;
        for (ProcessHandle c : ProcessHandle.of(pid).map(h -> h.children().toList()).orElse(List.of())) {
            try {
                sum += procStats(c.pid())[0];
            } catch (IOException gone) {
                // it finished in between
            }
        }
        return sum;
    }

    /** {VmRSS KiB, voluntary + involuntary context switches} of a pid. */
    static long[] procStats(long pid) throws IOException {
        long rss = 0, ctx = 0;
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) rss = num(l);
            if (l.startsWith("voluntary_ctxt_switches:") || l.startsWith("nonvoluntary_ctxt_switches:")) ctx += num(l);
        }
        return new long[] {rss, ctx};
    }

    static long num(String l) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
    }

    // ---- swap -----------------------------------------------------------------

    static void swap(int size, int rounds) throws Exception {
        System.out.printf("%n== swap: install a %d MB file (helper vs cp + mv + sync, same run, %d rounds)%n",
                size / 1_000_000, rounds);
        byte[] a = new byte[size], b = new byte[size];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        warmPageCache(Path.of(System.getProperty("bench.dir", "/var/tmp")), 2048);
        List<Double> ours = new ArrayList<>(), peer = new ArrayList<>();
        try (Sandbox s = sandbox("check_on_start = no\n", a)) {
            LinkedBlockingQueue<HelperEvent> events = new LinkedBlockingQueue<>();
            try (HelperClient c = HelperClient.connect(s.sock())) {
                c.addListener(events::add);
                c.subscribe().get();
                Path peerDir = s.root().resolve("peer");
                Files.createDirectories(peerDir);
                Path src = s.root().resolve("peer-src");
                for (int r = 0; r < rounds; r++) {
                    byte[] next = (r % 2 == 0) ? b : a;
                    writeFeed(s.feed(), r + 2, "1." + r, next);
                    run("sync");
                    long t0 = System.nanoTime();
                    long job = c.update("app", "1." + r, false).get().job();
                    while (true) {
                        HelperEvent e = events.poll(120, TimeUnit.SECONDS);
                        if (e == null) throw new IllegalStateException("no updated event");
                        if (e instanceof UpdatedEvent u && u.job() == job) break;
                        if (e instanceof org.upswap.client.model.ErrorEvent er && er.concernsJob(job))
                            throw new IllegalStateException(er.message());
                    }
                    ours.add((System.nanoTime() - t0) / 1e6);

                    Files.write(src, next);
                    run("sync");
                    long p0 = System.nanoTime();
                    run("sh", "-c", "cp '" + src + "' '" + peerDir + "/.app.tmp' && mv '" + peerDir + "/.app.tmp' '"
                            + peerDir + "/app' && sync");
                    peer.add((System.nanoTime() - p0) / 1e6);
                }
            }
        }
        double o = median(ours), p = median(peer);
        System.out.printf("upswap-helper update : median %8.1f ms  %s%n", o, ours);
        System.out.printf("cp + mv + sync       : median %8.1f ms  %s%n", p, peer);
        System.out.printf("ratio helper / (cp+mv+sync): %.2fx   (goal <= 1.5x)%n", o / p);
    }

    /**
     * On a fresh VM, the first touch of guest memory costs a host page fault
     * (~10 µs a page), which lands on whichever side allocates new page-cache
     * pages first. Writing and deleting a large file first gives both sides
     * warm memory, so the comparison is about the work each does.
     */
    static void warmPageCache(Path dir, int mib) throws Exception {
        Path warm = dir.resolve("upswap-bench-warm");
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(warm)) {
            for (int i = 0; i < mib; i++) out.write(chunk);
        }
        run("sync");
        Files.delete(warm);
    }

    // ---- poke -----------------------------------------------------------------

    static void poke(int n) throws Exception {
        System.out.printf("%n== poke: datagram -> 'checking' event latency (%d pokes) vs request/reply round trip%n", n);
        List<Double> poke = new ArrayList<>(), rtt = new ArrayList<>();
        try (Sandbox s = sandbox("check_on_start = no\nmin_check_interval = 0\n", "x".getBytes())) {
            LinkedBlockingQueue<HelperEvent> events = new LinkedBlockingQueue<>();
            PokeSender sender = new PokeSender(s.poke());
            try (HelperClient c = HelperClient.connect(s.sock())) {
                c.addListener(events::add);
                c.subscribe().get();
                for (int i = 0; i < n + 20; i++) {
                    events.clear();
                    long t0 = System.nanoTime();
                    sender.poke();
                    while (true) {
                        HelperEvent e = events.poll(10, TimeUnit.SECONDS);
                        if (e == null) throw new IllegalStateException("no checking event");
                        if (e instanceof StateEvent st && st.target().state() == TargetState.CHECKING) break;
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    while (!(events.poll(10, TimeUnit.SECONDS) instanceof CheckedEvent)) { }
                    long r0 = System.nanoTime();
                    c.status().get();
                    double rt = (System.nanoTime() - r0) / 1e6;
                    if (i >= 20) { // warm-up
                        poke.add(ms);
                        rtt.add(rt);
                    }
                }
            }
        }
        System.out.printf("poke -> checking : p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", pct(poke, 50), pct(poke, 99), pct(poke, 100));
        System.out.printf("status round trip: p50 %.3f ms  p99 %.3f ms%n", pct(rtt, 50), pct(rtt, 99));
        System.out.printf("ratio poke/round-trip p50: %.2fx   (goal: poke -> check started <= 10 ms)%n",
                pct(poke, 50) / pct(rtt, 50));
    }

    // ---- nginx, the peer server ------------------------------------------------

    /** A private nginx on 127.0.0.1 serving a directory, logging bytes sent per request. */
    record Nginx(Path dir, Path root, int port, Process process) implements AutoCloseable {
        static Nginx start(Path base) throws Exception {
            Path dir = Files.createTempDirectory(base, "upswap-bench-nginx-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path root = Files.createDirectories(dir.resolve("www"));
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                    "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                    "error_log " + dir.resolve("error.log") + ";",
                    "events { worker_connections 64; }",
                    "http {",
                    "  log_format sent '$status $bytes_sent $request_uri';",
                    "  access_log " + dir.resolve("access.log") + " sent;",
                    "  sendfile on; tcp_nopush on; keepalive_timeout 60;",
                    "  client_body_temp_path " + dir + "; proxy_temp_path " + dir + ";",
                    "  server { listen 127.0.0.1:" + port + "; root " + root + "; etag on; }",
                    "}", ""));
            Process p = new ProcessBuilder("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            for (int i = 0; i < 200; i++) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return new Nginx(dir, root, port, p);
                } catch (IOException notYet) {
                    Thread.sleep(25);
                }
            }
            throw new IOException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + "/" + path;
        }

        /** Bytes sent (headers + body) for each logged response with this status and path. */
        List<Long> sent(int status, String path) throws IOException {
            List<Long> out = new ArrayList<>();
            for (String l : Files.readAllLines(dir.resolve("access.log"))) {
                String[] f = l.split(" ");
                if (f.length == 3 && f[0].equals(Integer.toString(status)) && f[2].equals("/" + path)) {
                    out.add(Long.parseLong(f[1]));
                }
            }
            return out;
        }

        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            run("rm", "-rf", dir.toString());
        }
    }

    /** A sandboxed helper with one target fed, signed, from nginx. */
    static Sandbox remoteSandbox(Nginx nginx, byte[] installed, Path keyDir) throws Exception {
        run("minisign", "-G", "-W", "-f", "-p", keyDir.resolve("k.pub").toString(), "-s", keyDir.resolve("k.key").toString());
        String key = Files.readAllLines(keyDir.resolve("k.pub")).get(1).trim();
        Sandbox s = sandbox("check_on_start = no\nmin_check_interval = 0\n", installed);
        s.process().destroy();
        s.process().waitFor(10, TimeUnit.SECONDS);
        Files.writeString(s.root().resolve("etc/upswap/targets.d/app.conf"), "path = " + s.target() + "\nsource = "
                + nginx.url("feed.json") + "\nallow_http = yes\nkey = " + key + "\ninterval = 1d\n");
        Process p = new ProcessBuilder(helper.toString(), "--root", s.root().toString(), "--foreground", "--no-polkit",
                "--log-level", "notice").redirectErrorStream(true)
                .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(s.root().resolve("helper.log").toFile())).start();
        for (int i = 0; i < 500; i++) {
            try (HelperClient c = HelperClient.connect(s.sock())) {
                break;
            } catch (Exception notYet) {
                Thread.sleep(10);
            }
        }
        return new Sandbox(s.root(), p);
    }

    static void publishSigned(Nginx nginx, Path keyDir, long serial, String version, byte[] bytes) throws Exception {
        writeFeed(nginx.root(), serial, version, bytes);
        run("minisign", "-S", "-s", keyDir.resolve("k.key").toString(), "-m", nginx.root().resolve("feed.json").toString());
    }

    // ---- download -------------------------------------------------------------

    static void download(Nginx nginx, int size, int rounds) throws Exception {
        System.out.printf("%n== download: a %d MB artifact from nginx on 127.0.0.1 (helper vs curl -o, %d rounds)%n",
                size / 1_000_000, rounds);
        byte[] a = new byte[size], b = new byte[size];
        new Random(3).nextBytes(a);
        new Random(4).nextBytes(b);
        Path keyDir = Files.createDirectories(nginx.dir().resolve("keys"));
        warmPageCache(nginx.dir(), 2048);
        List<Double> ours = new ArrayList<>(), peer = new ArrayList<>();
        long peakKiB;
        java.util.concurrent.atomic.AtomicLong fetcherPeakKiB = new java.util.concurrent.atomic.AtomicLong();
        try (Sandbox s = remoteSandbox(nginx, a, keyDir)) {
            // The download runs in a child process: sample its memory from the
            // side, in an extra round that is not timed (sampling costs CPU).
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    fetcherPeakKiB.accumulateAndGet(childrenRssKiB(s.process().pid()), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            LinkedBlockingQueue<HelperEvent> events = new LinkedBlockingQueue<>();
            try (HelperClient c = HelperClient.connect(s.sock())) {
                c.addListener(events::add);
                c.subscribe().get();
                for (int r = 0; r <= rounds; r++) {
                    if (r == rounds) {
                        sampler.start();
                    }
                    byte[] next = r % 2 == 0 ? b : a;
                    publishSigned(nginx, keyDir, r + 2, "1." + r, next);
                    run("sync");
                    events.clear();
                    long t0 = System.nanoTime();
                    long job = c.update("app", "1." + r, false).get().job();
                    double downloaded = -1;
                    while (true) {
                        HelperEvent e = events.poll(300, TimeUnit.SECONDS);
                        if (e == null) throw new IllegalStateException("no updated event");
                        if (e == null) throw new IllegalStateException("no updated event");
                        if (downloaded < 0 && e instanceof org.upswap.client.model.ProgressEvent p
                                && p.job() == job && p.phase().wireName().equals("install")) {
                            downloaded = (System.nanoTime() - t0) / 1e6;
                        }
                        if (e instanceof UpdatedEvent u && u.job() == job) break;
                        if (e instanceof org.upswap.client.model.ErrorEvent er && er.concernsJob(job))
                            throw new IllegalStateException(er.message());
                    }
                    if (r == rounds) {
                        break; // the memory round
                    }
                    ours.add(downloaded);
                    Path out = nginx.dir().resolve("curl.out");
                    Files.deleteIfExists(out);
                    long p0 = System.nanoTime();
                    run("curl", "-s", "-o", out.toString(), nginx.url("app-1." + r));
                    peer.add((System.nanoTime() - p0) / 1e6);
                    Files.delete(out);
                }
            }
            sampler.interrupt();
            peakKiB = 0;
            for (String l : Files.readAllLines(Path.of("/proc/" + s.process().pid() + "/status"))) {
                if (l.startsWith("VmHWM:")) peakKiB = num(l);
            }
        }
        double o = median(ours), p = median(peer);
        double mbps = size / 1e6 / (o / 1000), cmbps = size / 1e6 / (p / 1000);
        System.out.printf("upswap-helper (feed + signature + download): median %7.1f ms = %6.0f MB/s  %s%n", o, mbps, ours);
        System.out.printf("curl -o                                    : median %7.1f ms = %6.0f MB/s  %s%n", p, cmbps, peer);
        System.out.printf("throughput ratio helper/curl: %.2fx   (goal >= 0.95x)%n", mbps / cmbps);
        System.out.printf("helper peak RSS during the downloads: %.1f MiB; its upswap-fetch child: %.1f MiB "
                + "(sampled every 10 ms in an extra, untimed round)%n", peakKiB / 1024.0, fetcherPeakKiB.get() / 1024.0);
    }

    // ---- 304 ------------------------------------------------------------------

    static void notModified(Nginx nginx, int n) throws Exception {
        System.out.printf("%n== unchanged feed: %d conditional checks (helper vs curl with If-None-Match)%n", n);
        Path keyDir = Files.createDirectories(nginx.dir().resolve("keys304"));
        List<Double> times = new ArrayList<>();
        try (Sandbox s = remoteSandbox(nginx, "x".getBytes(), keyDir)) {
            publishSigned(nginx, keyDir, 100, "9.9", "nine".getBytes());
            LinkedBlockingQueue<HelperEvent> events = new LinkedBlockingQueue<>();
            try (HelperClient c = HelperClient.connect(s.sock())) {
                c.addListener(events::add);
                c.subscribe().get();
                for (int i = 0; i <= n; i++) {
                    events.clear();
                    long t0 = System.nanoTime();
                    c.check("app").get();
                    while (!(events.poll(30, TimeUnit.SECONDS) instanceof CheckedEvent)) { }
                    if (i > 0) times.add((System.nanoTime() - t0) / 1e6); // the first one is the full fetch
                }
            }
        }
        List<Long> full = nginx.sent(200, "feed.json"), helper304 = nginx.sent(304, "feed.json");
        String etag = "";
        Process head = new ProcessBuilder("curl", "-s", "-I", nginx.url("feed.json")).start();
        for (String l : new String(head.getInputStream().readAllBytes()).split("\r?\n")) {
            if (l.toLowerCase().startsWith("etag:")) etag = l.substring(5).trim();
        }
        head.waitFor();
        run("curl", "-s", "-o", "/dev/null", "-H", "If-None-Match: " + etag, nginx.url("feed.json"));
        List<Long> all304 = nginx.sent(304, "feed.json");
        long curl304 = all304.get(all304.size() - 1);
        System.out.printf("full feed fetch (200)     : %d bytes on the wire%n", full.get(0));
        System.out.printf("helper's unchanged check  : %d bytes on the wire (304), %.2f ms median check time%n",
                helper304.get(0), median(times));
        System.out.printf("curl with If-None-Match   : %d bytes on the wire (304)%n", curl304);
        System.out.printf("ratio helper/curl bytes: %.2fx   (goal: 304 <= 300 bytes)%n", (double) helper304.get(0) / curl304);
    }

    // ---- helpers --------------------------------------------------------------

    static double median(List<Double> v) {
        return pct(v, 50);
    }

    static double pct(List<Double> v, int p) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) throw new IOException("failed: " + Arrays.toString(cmd));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
