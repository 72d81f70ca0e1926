package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.upswap.client.HelperClient;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.Target;
import org.upswap.client.model.UpdatedEvent;

/**
 * kill -9 at every step of a swap: the helper is made to SIGKILL itself at
 * each named crash point (and, separately, is killed from outside at random
 * moments). After a restart the target must be fully old or fully new, the
 * journal clean, no temp file left, the recorded version must match the
 * bytes, and the next update or rollback must work.
 */
class CrashRecoveryIT {
    static final int SIZE = 3 * 1024 * 1024; // > 2 copy chunks, so "half written" is a real state

    @TempDir
    Path tmp;

    static List<String> crashPoints() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("upswap.helper"), "--list-crash-points").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        List<String> points = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(points).contains("journal-begun", "renamed", "journal-cleared");
        return points;
    }

    static Stream<String> points() throws Exception {
        return crashPoints().stream();
    }

    @ParameterizedTest(name = "crash at {0}")
    @MethodSource("points")
    void killedAtStepThenRecovered(String point) throws Exception {
        byte[] v1 = random(SIZE, 1);
        byte[] v2 = random(SIZE, 2);
        try (HelperSandbox sandbox = HelperSandbox.create(tmp)) {
            sandbox.writeHelperConf("check_on_start = no\n");
            Path target = sandbox.addTarget("app", v1, null);
            sandbox.publish("app", "1.0.0", v1);
            sandbox.publish("app", "2.0.0", v2);

            sandbox.start(Map.of("UPSWAP_TEST_CRASH_AT", point));
            try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
                HelperClient.await(c.update("app", "2.0.0", false));
                assertThat(sandbox.awaitExit(Duration.ofSeconds(30)))
                        .as("helper reaches crash point %s and dies", point).isTrue();
            }
            assertThat(sandbox.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
            byte[] afterCrash = Files.readAllBytes(target);
            boolean isNew = java.util.Arrays.equals(afterCrash, v2);
            assertThat(isNew || java.util.Arrays.equals(afterCrash, v1)).as("target is old or new, never torn").isTrue();
            boolean renamed = crashPoints().indexOf(point) >= crashPoints().indexOf("renamed");
            assertThat(isNew).as("rename done at %s", point).isEqualTo(renamed);

            sandbox.start();
            assertRecovered(sandbox, target, isNew ? v2 : v1, isNew ? "2.0.0" : "1.0.0");
            followUpWorks(sandbox, target, isNew, v1, v2);
        }
    }

    @Test
    void killedFromOutsideAtRandomMoments() throws Exception {
        byte[] v1 = random(32 * 1024 * 1024, 3);
        byte[] v2 = random(32 * 1024 * 1024, 4);
        Random when = new Random(42);
        for (int round = 0; round < 4; round++) {
            Path dir = Files.createDirectory(tmp.resolve("round" + round));
            try (HelperSandbox sandbox = HelperSandbox.create(dir)) {
                sandbox.writeHelperConf("check_on_start = no\n");
                Path target = sandbox.addTarget("app", v1, null);
                sandbox.publish("app", "1.0.0", v1);
                sandbox.publish("app", "2.0.0", v2);
                sandbox.start();
                try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
                    HelperClient.await(c.update("app", "2.0.0", false));
                    Thread.sleep(when.nextInt(250));
                    sandbox.kill9();
                }
                byte[] now = Files.readAllBytes(target);
                boolean isNew = java.util.Arrays.equals(now, v2);
                assertThat(isNew || java.util.Arrays.equals(now, v1)).isTrue();
                sandbox.start();
                assertRecovered(sandbox, target, isNew ? v2 : v1, isNew ? "2.0.0" : "1.0.0");
            }
        }
    }

    private static void assertRecovered(HelperSandbox sandbox, Path target, byte[] bytes, String version)
            throws Exception {
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no temp files left").containsExactly("app");
        }
        try (Stream<Path> s = Files.list(sandbox.journalDir())) {
            assertThat(s.toList()).as("journal is clean").isEmpty();
        }
        try (Stream<Path> s = Files.list(sandbox.stateDir().resolve("previous"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).doesNotContain("app~staged");
        }
        EventLog events = new EventLog();
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            // The feed identifies bytes upswap never installed itself: fetch it first.
            c.addListener(events);
            HelperClient.await(c.subscribe());
            HelperClient.await(c.check("app"));
            events.await(CheckedEvent.class, e -> e.target().equals("app"));
            Target t = HelperClient.await(c.listTargets()).targets().get(0);
            assertThat(t.installed().sha256()).isEqualTo(HelperSandbox.sha256(bytes));
            assertThat(t.installed().version()).isEqualTo(version);
            assertThat(t.installed().modified()).isFalse();
        }
    }

    private static void followUpWorks(HelperSandbox sandbox, Path target, boolean isNew, byte[] v1, byte[] v2)
            throws Exception {
        EventLog events = new EventLog();
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            c.addListener(events);
            HelperClient.await(c.subscribe());
            long job = isNew ? HelperClient.await(c.rollback("app")).job()
                             : HelperClient.await(c.update("app", "2.0.0", false)).job();
            events.await(UpdatedEvent.class, e -> e.job() == job);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(isNew ? v1 : v2);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

}
