// Runs the upswap CLI in-process with captured output, a chosen environment,
// and a Ctrl-C the test can press.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

final class CliHarness {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();
    private final List<Runnable> interruptActions = new CopyOnWriteArrayList<>();
    private boolean interactive;

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliHarness interactive() {
        interactive = true;
        return this;
    }

    int run(String... args) {
        InterruptHooks hooks = action -> {
            interruptActions.add(action);
            return () -> interruptActions.remove(action);
        };
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                env, interactive, Clock.fixed(NOW, ZoneOffset.UTC), hooks);
        return UpswapCli.execute(environment, args);
    }

    /** Presses Ctrl-C: runs what is registered now, on the calling thread, as the JVM would on its own. */
    void interrupt() {
        assertThat(interruptActions).as("something listens for Ctrl-C").isNotEmpty();
        List.copyOf(interruptActions).forEach(Runnable::run);
    }

    boolean listensForInterrupt() {
        return !interruptActions.isEmpty();
    }

    String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    String err() {
        synchronized (err) {
            return err.toString();
        }
    }

    List<String> outLines() {
        return out().lines().toList();
    }

    /** Waits up to 5 s for the output to satisfy {@code condition}. */
    void awaitOut(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.test(out())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("output never showed " + what + "; it is:\n" + out() + "\nstderr:\n" + err());
            }
            Thread.sleep(10);
        }
    }
}
