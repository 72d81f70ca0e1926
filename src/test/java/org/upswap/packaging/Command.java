package org.upswap.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the real tools the packaging checks rely on (lintian,
 * systemd-analyze, mandoc, …) and keeps what it printed. A missing tool
 * fails the test with the package that brings it: scripts/setup-deps
 * installs them all.
 */
record Command(int exit, String out, String err) {

    /** stdout and stderr together, for assertion messages. */
    String output() {
        return out + err;
    }

    static Command run(List<String> argv) {
        return run(argv, Map.of(), null);
    }

    static Command run(List<String> argv, Map<String, String> env, Path dir) {
        try {
            Path out = Files.createTempFile("upswap-packaging", ".out");
            Path err = Files.createTempFile("upswap-packaging", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                if (dir != null) {
                    pb.directory(dir.toFile());
                }
                Process p = pb.start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError(argv + " did not finish in 10 minutes");
                }
                return new Command(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv.get(0) + " (scripts/setup-deps installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Command run(String... argv) {
        return run(List.of(argv));
    }

    /** Runs argv and fails unless it exits 0. */
    static Command ok(String... argv) {
        Command c = run(argv);
        if (c.exit != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + c.exit + ":\n" + c.output());
        }
        return c;
    }
}
