package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.UpdatedEvent;

/**
 * org.upswap.reexec for real: a Java server runs from a jar the real helper
 * swaps; at its safe point it notices the new jar and moves onto it with its
 * listening socket, in place (same pid) or by relaunching (new pid), while
 * a load loop sees no failed request.
 */
class JavaReexecIT {
    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    HelperClient client;
    Process server;
    final List<Long> otherPids = new ArrayList<>();
    final EventLog events = new EventLog();

    @AfterEach
    void stop() {
        otherPids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
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

    /** A jar with the demo app's class and its version resource. */
    static byte[] appJar(String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out)) {
            String cls = ReexecDemoApp.class.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(cls));
            try (InputStream in = ReexecDemoApp.class.getClassLoader().getResourceAsStream(cls)) {
                in.transferTo(jar);
            }
            jar.putNextEntry(new JarEntry(ReexecDemoApp.VERSION_RESOURCE));
            jar.write(version.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private Path startHelper() throws Exception {
        return startHelper("demo", null);
    }

    private Path startHelper(String name, String extraConfig) throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n");
        byte[] v1 = appJar("1.0.0");
        Path target = sandbox.addTarget(name, v1, extraConfig);
        sandbox.publish(name, "1.0.0", v1);
        sandbox.publish(name, "2.0.0", appJar("2.0.0"));
        sandbox.start();
        client = HelperClient.connect(sandbox.helperSocket());
        client.addListener(events);
        HelperClient.await(client.subscribe());
        return target;
    }

    private int startServer(Path jar, String... extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                jar + ":" + System.getProperty("java.class.path"), ReexecDemoApp.class.getName(), jar.toString(),
                Integer.toString(port)));
        cmd.addAll(List.of(extra));
        server = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("server.log").toFile()).start();
        Instant up = Instant.now().plusSeconds(30);
        while (true) {
            try {
                ZeroDowntimeIT.get(port);
                return port;
            } catch (IOException notYet) {
                assertThat(server.isAlive()).as("server running: %s", log()).isTrue();
                assertThat(Instant.now()).as("server listening").isBefore(up);
                Thread.sleep(50);
            }
        }
    }

    private String log() throws IOException {
        return Files.readString(tmp.resolve("server.log"));
    }

    /** Load from a few clients until stopped; failures and answers are recorded. */
    private final class Load implements AutoCloseable {
        final AtomicBoolean on = new AtomicBoolean(true);
        final AtomicLong ok = new AtomicLong();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();

        Load(int port) {
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> {
                    while (on.get()) {
                        try {
                            ZeroDowntimeIT.get(port);
                            ok.incrementAndGet();
                        } catch (IOException e) {
                            failures.add(e.toString());
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            on.set(false);
            for (Thread t : threads) {
                t.join(20_000);
            }
        }
    }

    private String swapAndAwait(int port, boolean rollback, String version) throws Exception {
        long job = HelperClient.await(rollback ? client.rollback("demo") : client.update("demo", null, false)).job();
        UpdatedEvent done = events.await(UpdatedEvent.class, e -> e.job() == job);
        assertThat(done.rollback()).isEqualTo(rollback);
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        String last = "";
        while (Instant.now().isBefore(end)) {
            last = ZeroDowntimeIT.get(port);
            if (last.startsWith("upswap-demo " + version + " ")) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("still answering '" + last + "'; server log:\n" + log());
    }

    /** How many fds of {@code pid} name each jar or the JDK's module image. */
    static Map<String, Long> openFiles(long pid) throws IOException {
        Map<String, Long> count = new TreeMap<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds.forEach(p -> {
                try {
                    String file = Files.readSymbolicLink(p).toString();
                    if (file.endsWith(".jar") || file.endsWith("/lib/modules")) {
                        count.merge(file, 1L, Long::sum);
                    }
                } catch (IOException closedMeanwhile) {
                    // not counted
                }
            });
        }
        return count;
    }

    /** Whether some fd of {@code pid} on a jar lacks O_CLOEXEC (octal 02000000). */
    static boolean someJarIsInheritable(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path p : (Iterable<Path>) fds::iterator) {
                String file = Files.readSymbolicLink(p).toString();
                if (file.endsWith(".jar")) {
                    String info = Files.readString(Path.of("/proc/" + pid + "/fdinfo/" + p.getFileName()));
                    String flags = info.lines().filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                    if ((Long.parseLong(flags.substring(6).trim(), 8) & 02000000) == 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void inPlaceExecKeepsThePidAndTheSocket() throws Exception {
        Path jar = startHelper();
        int port = startServer(jar);
        long pid = server.pid();
        assertThat(someJarIsInheritable(pid)).as("the JVM leaves fds that exec would pass on").isTrue();
        try (Load load = new Load(port)) {
            assertThat(swapAndAwait(port, false, "2.0.0")).isEqualTo("upswap-demo 2.0.0 pid " + pid);
            assertThat(swapAndAwait(port, true, "1.0.0")).isEqualTo("upswap-demo 1.0.0 pid " + pid);
            assertThat(swapAndAwait(port, false, "2.0.0")).isEqualTo("upswap-demo 2.0.0 pid " + pid);
            load.close();
            assertThat(load.failures).as("failed requests").isEmpty();
            assertThat(load.ok.get()).isPositive();
        }
        assertThat(log()).contains("upswap-demo 2.0.0 (pid " + pid + ") took over the listening socket");
        // The JVM opens its jars without O_CLOEXEC; had they been passed on,
        // every image would hold its own copy of each on top of the last.
        Map<String, Long> opened = openFiles(pid);
        assertThat(opened).as("jars open in the server").isNotEmpty();
        assertThat(opened.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x" + e.getValue()).toList())
                .as("files open more than once after 3 re-execs").isEmpty();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theHelperFindsTheJvmOnTheOldJarAndItsSighupRestartsItInPlace() throws Exception {
        Path jar = startHelper("demo.jar", "restart = signal:HUP\n");
        int port = startServer(jar);
        long pid = server.pid();

        // A hang-up alone: the JVM's default would end it; the handler only looks.
        new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor();
        Instant seen = Instant.now().plusSeconds(10);
        while (!log().contains("SIGHUP: looking now") && Instant.now().isBefore(seen)) {
            Thread.sleep(20);
        }
        assertThat(log()).contains("upswap-demo 1.0.0 (pid " + pid + ") SIGHUP: looking now");
        assertThat(server.isAlive()).isTrue();
        assertThat(ZeroDowntimeIT.get(port)).isEqualTo("upswap-demo 1.0.0 pid " + pid);

        long job = HelperClient.await(client.update("demo.jar", null, false)).job();
        UpdatedEvent done = events.await(UpdatedEvent.class, e -> e.job() == job);
        assertThat(done.processes()).as("the JVM holding the replaced jar open").extracting(p -> p.pid())
                .contains(pid);
        assertThat(done.restarting()).isTrue();
        RestartedEvent restarted = events.await(RestartedEvent.class, e -> e.target().equals("demo.jar"));
        assertThat(restarted.results()).anySatisfy(r -> {
            assertThat(r.pid()).isEqualTo(pid);
            assertThat(r.ok()).as(r.message()).isTrue();
        });
        Instant end = Instant.now().plusSeconds(30);
        String answer = "";
        while (!answer.startsWith("upswap-demo 2.0.0") && Instant.now().isBefore(end)) {
            answer = ZeroDowntimeIT.get(port);
            Thread.sleep(50);
        }
        assertThat(answer).as(log()).isEqualTo("upswap-demo 2.0.0 pid " + pid);
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void relaunchStartsTheNewVersionAsANewProcess() throws Exception {
        Path jar = startHelper();
        int port = startServer(jar, "--relaunch");
        long oldPid = server.pid();
        String answer;
        try (Load load = new Load(port)) {
            answer = swapAndAwait(port, false, "2.0.0");
            load.close();
            assertThat(load.failures).as("failed requests").isEmpty();
        }
        long newPid = Long.parseLong(answer.substring(answer.indexOf(" pid ") + 5));
        otherPids.add(newPid);
        assertThat(newPid).isNotEqualTo(oldPid);
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the old process exits").isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(log()).contains("upswap-demo 2.0.0 (pid " + newPid + ") took over the listening socket");
    }
}
