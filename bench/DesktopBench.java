// DesktopBench — figures for the desktop app (upswap-desktop), each next to
// a peer measured in the same run, on the same JVM and the same X server:
//
//   startup  a fresh JVM running the app (scripts/upswap-desktop --hidden,
//            talking to a sandboxed helper) until its
//            StatusNotifierItem registers with the StatusNotifierWatcher —
//            the bench is that watcher on a private session bus and takes
//            the time of the RegisterStatusNotifierItem call (goal <= 1.5 s);
//            vs a minimal JavaFX "hello" window, launch to its first showing,
//            on the same JVM with the app's options (scripts/upswap-desktop.options)
//   idle     RSS and CPU time of the app after N s in the tray doing nothing
//            (goal <= 150 MB), vs the hello window idle as long
//
// Run with bench/run desktop (builds first). Needs Xvfb and dbus-daemon.
// Prints figures; it is not a test and asserts nothing about speed.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.upswap.tray.dbus.StatusNotifierWatcher;

public class DesktopBench {
    static final int STARTUP_ROUNDS = 5;
    static final String CLASSPATH = "target/upswap.jar:target/lib/*";
    static final String JVM_OPTIONS = "scripts/upswap-desktop.options";

    public static void main(String[] args) throws Exception {
        // dbus-java logs through SLF4J, which has no binding here: silence it.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        int idleSeconds = Integer.parseInt(System.getProperty("idle.seconds", "60"));
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/var/tmp")), "upswap-desktop-bench-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Process> session = new ArrayList<>();
        try {
            String display = startXvfb(dir, session);
            String bus = startBus(dir, session);
            Process helper = startHelper(dir.resolve("root"));
            session.add(helper);
            Path hello = compileHello(dir.resolve("hello"));
            try (Watcher watcher = Watcher.start(bus)) {
                Map<String, String> env = Map.of("DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", bus,
                        "XDG_RUNTIME_DIR", mkdir(dir.resolve("runtime"), "rwx------").toString(),
                        "XDG_CONFIG_HOME", mkdir(dir.resolve("config"), "rwx------").toString(),
                        "XDG_STATE_HOME", mkdir(dir.resolve("state"), "rwx------").toString(),
                        "NO_AT_BRIDGE", "1");
                startup(dir, env, watcher, hello);
                idle(dir, env, watcher, hello, idleSeconds);
            }
        } finally {
            Collections.reverse(session);
            for (Process p : session) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }

    // ---- startup --------------------------------------------------------------

    static void startup(Path dir, Map<String, String> env, Watcher watcher, Path hello) throws Exception {
        System.out.printf("%n== startup: fresh JVM to tray icon registered (app) vs to window shown (JavaFX hello), "
                + "%d rounds each%n", STARTUP_ROUNDS);
        List<Double> app = new ArrayList<>(), peer = new ArrayList<>();
        for (int round = 0; round < STARTUP_ROUNDS + 1; round++) {
            // Round 0 warms the page cache (jars, fonts, GTK); it is not counted.
            double a = appToRegistration(dir, env, watcher, round);
            double h = helloToShown(env, hello);
            if (round > 0) {
                app.add(a);
                peer.add(h);
            }
        }
        double appMedian = median(app), peerMedian = median(peer);
        System.out.printf("%-34s median %6.0f ms   (min %4.0f, max %4.0f)%n", "upswap-desktop: SNI registered",
                appMedian, Collections.min(app), Collections.max(app));
        System.out.printf("%-34s median %6.0f ms   (min %4.0f, max %4.0f)%n", "JavaFX hello: window shown",
                peerMedian, Collections.min(peer), Collections.max(peer));
        System.out.printf("ratio app/hello: %.2fx   (goal: app <= 1500 ms)%n", appMedian / peerMedian);
    }

    static double appToRegistration(Path dir, Map<String, String> env, Watcher watcher, int round) throws Exception {
        watcher.registrations.clear();
        long start = System.nanoTime();
        Process app = startApp(dir, env, "startup-" + round);
        try {
            Long registered = watcher.registrations.poll(30, TimeUnit.SECONDS);
            if (registered == null) {
                throw new IllegalStateException("the app did not register its tray icon within 30 s:\n"
                        + Files.readString(dir.resolve("startup-" + round + ".log")));
            }
            return (registered - start) / 1e6;
        } finally {
            stop(app);
        }
    }

    static double helloToShown(Map<String, String> env, Path hello) throws Exception {
        long start = System.nanoTime();
        Process p = startHello(env, hello);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            long shown = System.nanoTime();
            if (!"shown".equals(line)) {
                throw new IllegalStateException("the hello window said " + line);
            }
            return (shown - start) / 1e6;
        } finally {
            stop(p);
        }
    }

    // ---- idle -------------------------------------------------------------------

    static void idle(Path dir, Map<String, String> env, Watcher watcher, Path hello, int seconds) throws Exception {
        System.out.printf("%n== idle: RSS and CPU after %d s doing nothing (app in the tray vs JavaFX hello window)%n",
                seconds);
        watcher.registrations.clear();
        Process app = startApp(dir, env, "idle");
        Process peer = startHello(env, hello);
        try {
            if (watcher.registrations.poll(30, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("the app did not register its tray icon:\n"
                        + Files.readString(dir.resolve("idle.log")));
            }
            new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Thread.sleep(2000); // start-up work settles
            long[] a0 = stat(app.pid()), p0 = stat(peer.pid());
            Thread.sleep(seconds * 1000L);
            long[] a1 = stat(app.pid()), p1 = stat(peer.pid());
            System.out.printf("%-16s %10s %10s %16s %8s%n", "", "RSS", "PSS", "CPU while idle", "threads");
            row("upswap-desktop", app.pid(), a0, a1, seconds);
            row("JavaFX hello", peer.pid(), p0, p1, seconds);
            System.out.printf("ratio app/hello: RSS %.2fx   (goal: app <= 150 MB)%n", (double) a1[0] / p1[0]);
        } finally {
            stop(app);
            stop(peer);
        }
    }

    static void row(String name, long pid, long[] before, long[] after, int seconds) throws IOException {
        double cpuMs = (after[1] - before[1]) * 1000.0 / 100; // clock ticks of 10 ms
        System.out.printf("%-16s %6.1f MiB %6.1f MiB %8.0f ms (%.2f%%) %6d%n", name, after[0] / 1024.0,
                pss(pid) / 1024.0, cpuMs, cpuMs / (seconds * 10.0), after[2]);
    }

    /** {VmRSS KiB, utime + stime in clock ticks, threads}. */
    static long[] stat(long pid) throws IOException {
        long rss = 0, threads = 0;
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) rss = num(l);
            if (l.startsWith("Threads:")) threads = num(l);
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {rss, Long.parseLong(f[11]) + Long.parseLong(f[12]), threads};
    }

    static long pss(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (l.startsWith("Pss:")) return num(l);
        }
        return 0;
    }

    static long num(String l) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
    }

    // ---- the processes --------------------------------------------------------------

    /** The app started the way people start it, into the tray (the launcher execs java: one pid). */
    static Process startApp(Path dir, Map<String, String> env, String log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("scripts/upswap-desktop", "--root", dir.resolve("root").toString(),
                "--hidden").redirectErrorStream(true).redirectOutput(dir.resolve(log + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The peer on the same JVM with the same options as the app. */
    static Process startHello(Map<String, String> env, Path classes) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "@" + JVM_OPTIONS, "-cp", classes + ":" + CLASSPATH, "Hello")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return pb.start();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** A plain JavaFX window with a label: what any JavaFX app pays to show something. */
    static Path compileHello(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, """
                import javafx.application.Application;
                import javafx.application.Platform;
                import javafx.scene.Scene;
                import javafx.scene.control.Label;
                import javafx.stage.Stage;

                public class Hello {
                    public static void main(String[] args) {
                        Application.launch(Window.class, args);
                    }

                    public static class Window extends Application {
                        @Override
                        public void start(Stage stage) {
                            stage.setScene(new Scene(new Label("Hello"), 320, 200));
                            stage.setOnShown(e -> Platform.runLater(() -> {
                                System.out.println("shown");
                                System.out.flush();
                            }));
                            stage.show();
                        }
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", CLASSPATH, "-d", dir.toString(), source.toString());
        if (rc != 0) {
            throw new IllegalStateException("could not compile the hello window");
        }
        return dir;
    }

    static String startXvfb(Path dir, List<Process> session) throws IOException {
        Process x = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(dir.resolve("xvfb.log").toFile()).start();
        session.add(x);
        return ":" + firstLine(x);
    }

    /** A session bus that starts nothing by itself: the bench is the only watcher. */
    static String startBus(Path dir, List<Process> session) throws IOException {
        Path conf = dir.resolve("bus.conf");
        Files.writeString(conf, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("bus")));
        Process bus = new ProcessBuilder("dbus-daemon", "--config-file=" + conf, "--nofork", "--print-address=1")
                .redirectError(dir.resolve("bus.log").toFile()).start();
        session.add(bus);
        return firstLine(bus);
    }

    /** A sandboxed helper with one up-to-date target: the app's usual company. */
    static Process startHelper(Path root) throws Exception {
        Files.createDirectories(root.resolve("etc/upswap/targets.d"));
        Files.createDirectories(root.resolve("opt/app/bin"));
        Files.createDirectories(root.resolve("srv/feed"));
        Files.write(root.resolve("opt/app/bin/app"), "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(root.resolve("srv/feed/feed.json"),
                "{\"format\":1,\"product\":\"app\",\"serial\":1,\"releases\":[]}");
        Files.writeString(root.resolve("etc/upswap/targets.d/app.conf"), "path = " + root.resolve("opt/app/bin/app")
                + "\nsource = file://" + root.resolve("srv/feed/feed.json") + "\ninterval = 1d\n");
        Path helper = Path.of(System.getProperty("upswap.helper", "helper/build/upswap-helper")).toAbsolutePath();
        Process p = new ProcessBuilder(helper.toString(), "--root", root.toString(), "--foreground", "--no-polkit",
                "--log-level", "notice").redirectErrorStream(true).redirectOutput(root.resolve("helper.log").toFile())
                .start();
        for (int i = 0; i < 500 && !Files.exists(root.resolve("run/upswap/helper.sock")); i++) Thread.sleep(10);
        return p;
    }

    static String firstLine(Process p) throws IOException {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("no output from " + p.info().command().orElse("a process"));
        }
        return line.strip();
    }

    static Path mkdir(Path dir, String mode) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The panel's side: owns org.kde.StatusNotifierWatcher and timestamps each registration. */
    public static final class Watcher implements StatusNotifierWatcher, Properties, AutoCloseable {
        final BlockingQueue<Long> registrations = new LinkedBlockingQueue<>();
        private DBusConnection connection;

        static Watcher start(String address) throws Exception {
            Watcher w = new Watcher();
            w.connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
            w.connection.exportObject(w);
            w.connection.requestBusName(BUS_NAME);
            return w;
        }

        @Override
        public void RegisterStatusNotifierItem(String service) {
            registrations.add(System.nanoTime());
        }

        @Override
        public void RegisterStatusNotifierHost(String service) {
        }

        @Override
        public String getObjectPath() {
            return OBJECT_PATH;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String interfaceName, String propertyName) {
            return (A) GetAll(interfaceName).get(propertyName);
        }

        @Override
        public Map<String, Variant<?>> GetAll(String interfaceName) {
            return Map.of("RegisteredStatusNotifierItems", new Variant<>(List.of(), "as"),
                    "IsStatusNotifierHostRegistered", new Variant<>(true), "ProtocolVersion", new Variant<>(0));
        }

        @Override
        public <A> void Set(String interfaceName, String propertyName, A value) {
            throw new PropertyReadOnly(propertyName);
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}
