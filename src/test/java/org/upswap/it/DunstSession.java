package org.upswap.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A desktop session that has a real notification server and nothing else: an
 * Xvfb display it picks itself (-displayfd), a private session bus, and
 * dunst on both. What dunst receives is recorded by a dunst rule's script,
 * one directory per notification it displays, so tests check the summary,
 * body, urgency and hints as the server saw them. Buttons are pressed the
 * way dunst lets a keyboard user do it: {@code dunstctl context} runs the
 * configured "dmenu", here a script that records the menu and picks the
 * line of the action the test chose.
 */
final class DunstSession implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(15);

    /** One notification as dunst displayed it. */
    record Received(String id, String appName, String summary, String body, String urgency, String category,
                    String desktopEntry, long timeoutMillis) {
    }

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final String display;
    private final String busAddress;

    private DunstSession(Path dir, String display, String busAddress) {
        this.dir = dir;
        this.display = display;
        this.busAddress = busAddress;
    }

    /** Starts Xvfb, a session bus and dunst; files go to {@code dir}. */
    static DunstSession start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("received"));
        DunstSession s = null;
        try {
            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectError(dir.resolve("xvfb.log").toFile()).start();
            String display = ":" + firstLine(xvfb, "Xvfb's display number");
            // No service files: the first call for org.freedesktop.Notifications
            // must not start an unconfigured dunst before ours has taken the name.
            Files.writeString(dir.resolve("bus.conf"), """
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
            Process bus = new ProcessBuilder("dbus-daemon", "--config-file=" + dir.resolve("bus.conf"), "--nofork",
                    "--print-address=1").redirectError(dir.resolve("bus.log").toFile()).start();
            String address = firstLine(bus, "the bus address");
            s = new DunstSession(dir, display, address);
            s.processes.add(bus);
            s.processes.add(xvfb);
            s.startDunst();
            return s;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            throw e;
        }
    }

    String display() {
        return display;
    }

    String busAddress() {
        return busAddress;
    }

    /** The environment a desktop app in this session gets. */
    Map<String, String> environment() {
        return Map.of("DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", busAddress);
    }

    /** How many notifications dunst shows now. */
    int displayed() throws IOException, InterruptedException {
        return Integer.parseInt(dunstctl("count", "displayed").strip());
    }

    /**
     * Presses the button with action key {@code key} on a displayed
     * notification; returns the menu dunst offered, one line per action,
     * like {@code #Update now (Update available: demo 2.0.0) [3,update]}.
     */
    List<String> press(String key) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("choose"), key);
        Path menu = dir.resolve("menu.txt");
        Files.deleteIfExists(menu);
        dunstctl("context");
        await("dunst to run its menu", () -> Files.exists(menu));
        return Files.readAllLines(menu);
    }

    /** Every notification displayed so far, in order. */
    List<Received> received() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("received"))) {
            List<Path> dirs = entries.filter(p -> Files.exists(p.resolve("done"))).sorted().toList();
            List<Received> all = new ArrayList<>();
            for (Path d : dirs) {
                Map<String, String> f = new LinkedHashMap<>();
                for (String name : List.of("id", "app", "summary", "body", "urgency", "category", "entry", "timeout")) {
                    f.put(name, Files.readString(d.resolve(name)));
                }
                all.add(new Received(f.get("id"), f.get("app"), f.get("summary"), f.get("body"), f.get("urgency"),
                        f.get("category"), f.get("entry"), Long.parseLong(f.get("timeout").strip())));
            }
            return all;
        }
    }

    /** Waits until {@code condition} holds. */
    static void await(String what, Check condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A condition that may need to ask a process. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws IOException, InterruptedException;
    }

    String dunstctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dunstctl"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dunstctl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        for (Process p : processes) { // dunst, the bus, then the display
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startDunst() throws IOException, InterruptedException {
        Path record = script("record.sh", """
                #!/bin/sh
                # Called by dunst for each notification it displays.
                d="%1$s/received/$(date +%%s%%N)-$DUNST_ID"
                mkdir -p "$d"
                printf %%s "$DUNST_ID" > "$d/id"
                printf %%s "$DUNST_APP_NAME" > "$d/app"
                printf %%s "$DUNST_SUMMARY" > "$d/summary"
                printf %%s "$DUNST_BODY" > "$d/body"
                printf %%s "$DUNST_URGENCY" > "$d/urgency"
                printf %%s "$DUNST_CATEGORY" > "$d/category"
                printf %%s "$DUNST_DESKTOP_ENTRY" > "$d/entry"
                printf %%s "$DUNST_TIMEOUT" > "$d/timeout"
                touch "$d/done"
                """.formatted(dir));
        Path menu = script("menu.sh", """
                #!/bin/sh
                # dunst's "dmenu": records the menu, picks the action named in ./choose.
                cat > "%1$s/menu.tmp"
                grep -F ",$(cat "%1$s/choose")]" "%1$s/menu.tmp" | head -n 1
                mv "%1$s/menu.tmp" "%1$s/menu.txt"
                """.formatted(dir));
        Files.writeString(dir.resolve("dunstrc"), """
                [global]
                    dmenu = %s
                    # Nothing expires by itself: tests decide when a notification goes.
                [urgency_low]
                    timeout = 0
                [urgency_normal]
                    timeout = 0
                [urgency_critical]
                    timeout = 0
                [record]
                    appname = upswap
                    script = %s
                """.formatted(menu, record));
        ProcessBuilder pb = new ProcessBuilder("dunst", "-config", dir.resolve("dunstrc").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dunst.log").toFile());
        pb.environment().putAll(environment());
        processes.add(0, pb.start());
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try {
                displayed();
                return;
            } catch (IOException | NumberFormatException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("dunst did not come up within " + START + ": "
                            + Files.readString(dir.resolve("dunst.log")), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
        return file;
    }

    private static String firstLine(Process p, String what) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isBlank()) {
            throw new IOException("no " + what + " (exit " + (p.isAlive() ? "-" : p.exitValue()) + ")");
        }
        return line.strip();
    }
}
