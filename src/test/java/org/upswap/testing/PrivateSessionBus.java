// A session bus of the test's own: a dbus-daemon listening in a temporary
// directory, stopped by its pid afterwards, so tests neither need nor touch
// the desktop's bus.
package org.upswap.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

public final class PrivateSessionBus implements AutoCloseable {

    private final String address;
    private final long pid;

    private PrivateSessionBus(String address, long pid) {
        this.address = address;
        this.pid = pid;
    }

    public static PrivateSessionBus start(Path dir) throws IOException, InterruptedException {
        Process daemon = new ProcessBuilder("dbus-daemon", "--session", "--fork", "--nopidfile",
                "--print-address=1", "--print-pid=1", "--address=unix:path=" + dir.resolve("bus"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String address = null;
        Long pid = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && (address == null || pid == null);
                 line = out.readLine()) {
                if (line.startsWith("unix:")) {
                    address = line.strip();
                } else if (line.strip().matches("\\d+")) {
                    pid = Long.parseLong(line.strip());
                }
            }
        }
        // With --fork this process exits once the daemon is listening.
        if (!daemon.waitFor(10, TimeUnit.SECONDS) || address == null || pid == null) {
            daemon.destroyForcibly();
            throw new IOException("dbus-daemon did not start (address " + address + ", pid " + pid + ")");
        }
        return new PrivateSessionBus(address, pid);
    }

    public String address() {
        return address;
    }

    @Override
    public void close() {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null) {
            return;
        }
        handle.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (running(pid)) {
                if (System.nanoTime() > deadline) {
                    handle.destroyForcibly();
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the daemon still runs. A dead one counts as gone while it waits
     * as a zombie for init to reap it (the forked daemon is init's child, and
     * a container's init may take seconds to get round to it).
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "PID (COMM) STATE ...": the state follows the last ')'.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
