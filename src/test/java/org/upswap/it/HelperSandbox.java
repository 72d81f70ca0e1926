package org.upswap.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * A real upswap-helper running in a private root directory: its own
 * config, state, cache and sockets under {@code --root}, targets installed
 * under {@code ROOT/opt/NAME/bin/NAME}, and local feeds under
 * {@code ROOT/srv/feeds/NAME}. Integration tests drive it through the real
 * sockets; nothing here fakes the helper.
 */
final class HelperSandbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path helperBinary;
    private Process process;
    private int starts;
    private final List<String> extraArgs = new ArrayList<>();

    private HelperSandbox(Path root) {
        this.root = root;
        String bin = System.getProperty("upswap.helper");
        if (bin == null) {
            throw new IllegalStateException("system property upswap.helper (path of upswap-helper) is not set");
        }
        this.helperBinary = Path.of(bin);
    }

    /** Creates the directory layout under {@code dir} (which must be private to this user). */
    static HelperSandbox create(Path dir) throws IOException {
        // The helper refuses directories others can write: keep the sandbox 0755 all the way.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        HelperSandbox s = new HelperSandbox(dir);
        Files.createDirectories(s.root.resolve("etc/upswap/targets.d"));
        Files.createDirectories(s.root.resolve("srv/feeds"));
        return s;
    }

    Path root() { return root; }
    Path helperSocket() { return root.resolve("run/upswap/helper.sock"); }
    Path pokeSocket() { return root.resolve("run/upswap/poke.sock"); }
    Path stateDir() { return root.resolve("var/lib/upswap"); }
    Path journalDir() { return stateDir().resolve("journal"); }
    Path logFile() { return root.resolve("helper-" + starts + ".log"); }
    Path targetPath(String name) { return root.resolve("opt/" + name + "/bin/" + name); }
    Path feedDir(String name) { return root.resolve("srv/feeds/" + name); }

    /** Options added to the helper's command line from the next start on. */
    void addArgs(String... args) {
        extraArgs.addAll(List.of(args));
    }

    void writeHelperConf(String text) throws IOException {
        Files.writeString(root.resolve("etc/upswap/helper.conf"), text);
    }

    /** Configures a target and installs its first binary (null: nothing installed yet). */
    Path addTarget(String name, byte[] installed, String extraConfig) throws IOException {
        Path target = targetPath(name);
        Files.createDirectories(target.getParent());
        Files.createDirectories(feedDir(name));
        if (installed != null) {
            Files.write(target, installed);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String conf = "path = " + target + "\n"
                + "source = file://" + feedDir(name).resolve("feed.json") + "\n"
                + "interval = 1d\n"
                + (extraConfig == null ? "" : extraConfig);
        Files.writeString(root.resolve("etc/upswap/targets.d/" + name + ".conf"), conf);
        return target;
    }

    /**
     * Configures a target whose feed is fetched over HTTP from {@code feedUrl}
     * and must be signed by {@code key}; the feed directory is still
     * {@link #feedDir} (a {@link FeedServer} serves it).
     */
    Path addRemoteTarget(String name, byte[] installed, String feedUrl, String key, String extraConfig)
            throws IOException {
        Path target = addTarget(name, installed, null);
        String conf = "path = " + target + "\n"
                + "source = " + feedUrl + "\n"
                + "allow_http = yes\n"
                + "key = " + key + "\n"
                + "interval = 1d\n"
                + (extraConfig == null ? "" : extraConfig);
        Files.writeString(root.resolve("etc/upswap/targets.d/" + name + ".conf"), conf);
        return target;
    }

    /** Adds a release to the target's local feed (serial + 1), as a publisher would. */
    void publish(String name, String version, byte[] bytes) throws IOException {
        publish(name, version, bytes, feedSerial(name) + 1, null);
    }

    void publish(String name, String version, byte[] bytes, long serial, String expires) throws IOException {
        Path dir = feedDir(name);
        String file = name + "-" + version;
        Files.write(dir.resolve(file), bytes);
        ObjectNode feed = readFeed(name);
        feed.put("format", 1).put("product", name).put("serial", serial);
        if (expires != null) {
            feed.put("expires", expires);
        }
        ArrayNode releases = feed.withArray("releases");
        ObjectNode rel = releases.addObject();
        rel.put("version", version).put("url", file).put("size", bytes.length).put("sha256", sha256(bytes))
                .put("notes", "Release " + version + ".");
        writeFeed(name, feed);
    }

    long feedSerial(String name) throws IOException {
        return readFeed(name).path("serial").asLong(0);
    }

    ObjectNode readFeed(String name) throws IOException {
        Path f = feedDir(name).resolve("feed.json");
        return Files.exists(f) ? (ObjectNode) JSON.readTree(f.toFile()) : JSON.createObjectNode();
    }

    void writeFeed(String name, ObjectNode feed) throws IOException {
        Path tmp = feedDir(name).resolve(".feed.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), feed);
        Files.move(tmp, feedDir(name).resolve("feed.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    void start() throws IOException {
        start(Map.of());
    }

    /** Starts the helper in the foreground and waits until its socket answers. */
    void start(Map<String, String> env) throws IOException {
        start(env, false);
    }

    /** As {@link #start(Map)}; with polkit the helper asks polkitd instead of trusting uids. */
    void start(Map<String, String> env, boolean polkit) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("helper already running");
        }
        starts++;
        List<String> cmd = new ArrayList<>(List.of(helperBinary.toString(), "--root", root.toString(),
                "--foreground", "--log-level", "debug"));
        if (!polkit) {
            cmd.add("--no-polkit");
        }
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logFile().toFile());
        pb.environment().putAll(env);
        process = pb.start();
        awaitSocket(Duration.ofSeconds(15));
    }

    private void awaitSocket(Duration timeout) throws IOException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IOException("upswap-helper exited with " + process.exitValue() + " during start-up:\n" + log());
            }
            if (Files.exists(helperSocket())) {
                try (UnixSocketChannel ch = UnixSocketChannel.open(new UnixSocketAddress(helperSocket().toFile()))) {
                    return;
                } catch (IOException notYet) {
                    // bound but not listening yet
                }
            }
            sleep(10);
        }
        throw new IOException("upswap-helper did not open " + helperSocket() + " within " + timeout + ":\n" + log());
    }

    /** SIGTERM and wait; returns the exit status. */
    int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("upswap-helper did not exit within 20 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL, like a crash or a power cut for the process. */
    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Waits for the helper to die on its own (e.g. at a test crash point). */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Process process() { return process; }
    long pid() { return process.pid(); }

    void signal(String sig) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid())).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("kill -" + sig + " failed");
        }
    }

    /** True when the helper under test is the AddressSanitizer build. */
    static boolean sanitized() {
        return Boolean.getBoolean("upswap.helper.sanitized");
    }

    /**
     * A memory bound for the helper: as given for the normal build; for the
     * sanitizer build scaled by ASan's own overhead (shadow memory and the
     * freed-memory quarantine), which is documented as 2-3x and then some.
     */
    static long memoryBoundKiB(long normal) {
        return sanitized() ? normal * 4 : normal;
    }

    /** Resident set size of the helper in KiB, from /proc. */
    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid());
    }

    String log() {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            Path f = root.resolve("helper-" + i + ".log");
            try {
                all.append("--- helper run ").append(i).append(" ---\n").append(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                all.append("(no log ").append(f).append(")\n");
            }
        }
        return all.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops a helper that is still running and insists it exits cleanly
     * (status 0): under the sanitizer build that also means no leaks and no
     * memory errors on the way out.
     */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        int rc;
        try {
            rc = stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (rc != 0) {
            throw new AssertionError("upswap-helper exited with status " + rc + " on SIGTERM:\n" + log());
        }
    }
}
