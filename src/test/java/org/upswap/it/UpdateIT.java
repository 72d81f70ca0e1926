package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.HelperException;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.Target;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

/**
 * Update and rollback through the real helper: the bytes on disk change
 * atomically, a process that was running the old binary keeps running it,
 * new starts get the new one, and rollback restores the previous bytes.
 */
class UpdateIT {
    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    HelperClient client;
    EventLog events = new EventLog();
    byte[] v1;
    byte[] v2;
    Path target;

    @BeforeEach
    void start() throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n");
        // Real executables: a copy of sleep, and the same with bytes appended
        // (still a valid ELF file, but different content).
        v1 = Files.readAllBytes(Path.of("/bin/sleep"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(v1);
        b.write(HelperSandbox.bytes("\nupswap test payload v2\n"));
        v2 = b.toByteArray();
        target = sandbox.addTarget("tool", v1, null);
        sandbox.publish("tool", "1.0.0", v1);
        sandbox.publish("tool", "2.0.0", v2);
        sandbox.start();
        client = HelperClient.connect(sandbox.helperSocket());
        client.addListener(events);
        HelperClient.await(client.subscribe());
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        sandbox.close();
    }

    @Test
    void updateSwapsWhileOldProcessKeepsRunningThenRollsBack() throws Exception {
        Process running = new ProcessBuilder(target.toString(), "60").start();
        try {
            HelperClient.await(client.check("tool"));
            Target before = checkedTarget();
            assertThat(before.installed().version()).isEqualTo("1.0.0"); // identified by hash via the feed
            assertThat(before.available().version()).isEqualTo("2.0.0");

            long job = HelperClient.await(client.update("tool", null, false)).job();
            UpdatedEvent done = events.await(UpdatedEvent.class, e -> e.job() == job);
            assertThat(done.from()).isEqualTo("1.0.0");
            assertThat(done.to()).isEqualTo("2.0.0");
            assertThat(done.sha256()).isEqualTo(HelperSandbox.sha256(v2));
            assertThat(done.rollback()).isFalse();

            assertThat(Files.readAllBytes(target)).isEqualTo(v2);
            assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
            // The old process still runs the old inode, now unlinked.
            assertThat(running.isAlive()).isTrue();
            Path exe = Path.of("/proc/" + running.pid() + "/exe");
            assertThat(Files.readSymbolicLink(exe).toString()).endsWith("(deleted)");
            assertThat(Files.readAllBytes(exe)).isEqualTo(v1);
            // A new start runs the new file.
            Process fresh = new ProcessBuilder(target.toString(), "--version").start();
            assertThat(fresh.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(fresh.exitValue()).isZero();
            assertThat(onlyTargetIn(target.getParent())).isTrue();

            Target after = HelperClient.await(client.listTargets()).targets().get(0);
            assertThat(after.installed().version()).isEqualTo("2.0.0");
            assertThat(after.installed().modified()).isFalse();
            assertThat(after.previous().version()).isEqualTo("1.0.0");
            assertThat(after.available()).isNull();

            long rb = HelperClient.await(client.rollback("tool")).job();
            UpdatedEvent back = events.await(UpdatedEvent.class, e -> e.job() == rb);
            assertThat(back.rollback()).isTrue();
            assertThat(back.to()).isEqualTo("1.0.0");
            assertThat(Files.readAllBytes(target)).isEqualTo(v1);
            Target rolled = HelperClient.await(client.listTargets()).targets().get(0);
            assertThat(rolled.previous().version()).isEqualTo("2.0.0");
            assertThat(HelperClient.await(client.status()).stats().rollbacks()).isEqualTo(1);
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    void explicitVersionAndUpToDate() throws Exception {
        long job = HelperClient.await(client.update("tool", "2.0.0", false)).job();
        events.await(UpdatedEvent.class, e -> e.job() == job);
        long again = HelperClient.await(client.update("tool", null, false)).job();
        ErrorEvent up = events.await(ErrorEvent.class, e -> e.concernsJob(again));
        assertThat(up.code()).isEqualTo(ErrorCode.UP_TO_DATE);
        long missing = HelperClient.await(client.update("tool", "9.9.9", false)).job();
        assertThat(events.await(ErrorEvent.class, e -> e.concernsJob(missing)).code())
                .isEqualTo(ErrorCode.UNKNOWN_VERSION);
        assertThat(Files.readAllBytes(target)).isEqualTo(v2);
        // The root peer may downgrade explicitly.
        long down = HelperClient.await(client.update("tool", "1.0.0", false)).job();
        assertThat(events.await(UpdatedEvent.class, e -> e.job() == down).to()).isEqualTo("1.0.0");
    }

    @Test
    void binaryChangedBehindOurBackIsReportedNotOverwritten() throws Exception {
        long job = HelperClient.await(client.update("tool", "1.0.0", true)).job();
        events.await(UpdatedEvent.class, e -> e.job() == job);
        byte[] tampered = HelperSandbox.bytes("#!/bin/sh\necho changed by hand\n");
        Files.write(target, tampered);

        Target t = HelperClient.await(client.listTargets()).targets().get(0);
        assertThat(t.installed().modified()).isTrue();
        assertThat(t.installed().version()).isNull();

        long refused = HelperClient.await(client.update("tool", "2.0.0", false)).job();
        ErrorEvent err = events.await(ErrorEvent.class, e -> e.concernsJob(refused));
        assertThat(err.code()).isEqualTo(ErrorCode.MODIFIED);
        assertThat(err.message()).contains(target.toString()).contains("changed outside upswap");
        assertThat(Files.readAllBytes(target)).isEqualTo(tampered);

        long forced = HelperClient.await(client.update("tool", "2.0.0", true)).job();
        events.await(UpdatedEvent.class, e -> e.job() == forced);
        assertThat(Files.readAllBytes(target)).isEqualTo(v2);
    }

    @Test
    void artifactNotMatchingTheFeedChangesNothing() throws Exception {
        // Same size, different bytes: only the hash can tell.
        byte[] evil = v2.clone();
        evil[evil.length - 2] ^= 1;
        Files.write(sandbox.feedDir("tool").resolve("tool-2.0.0"), evil);
        long job = HelperClient.await(client.update("tool", "2.0.0", false)).job();
        ErrorEvent err = events.await(ErrorEvent.class, e -> e.concernsJob(job));
        assertThat(err.code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        assertThat(err.message()).contains("nothing was changed");
        assertThat(Files.readAllBytes(target)).isEqualTo(v1);
        assertThat(onlyTargetIn(target.getParent())).isTrue();
        assertThat(Files.list(sandbox.journalDir())).isEmpty();

        // Longer than the feed says: refused as well.
        Files.write(sandbox.feedDir("tool").resolve("tool-2.0.0"), v2.length == 0 ? v2 : concat(v2, v2));
        long job2 = HelperClient.await(client.update("tool", "2.0.0", false)).job();
        assertThat(events.await(ErrorEvent.class, e -> e.concernsJob(job2)).code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        assertThat(Files.readAllBytes(target)).isEqualTo(v1);
    }

    @Test
    void symlinkedTargetIsRefused() throws Exception {
        Path real = tmp.resolve("real-tool");
        Files.write(real, v1);
        Files.delete(target);
        Files.createSymbolicLink(target, real);
        long job = HelperClient.await(client.update("tool", "2.0.0", true)).job();
        ErrorEvent err = events.await(ErrorEvent.class, e -> e.concernsJob(job));
        assertThat(err.code()).isEqualTo(ErrorCode.UNSAFE_PATH);
        assertThat(err.message()).contains("symlink");
        assertThat(Files.readAllBytes(real)).isEqualTo(v1);
        assertThat(Files.isSymbolicLink(target)).isTrue();
    }

    @Test
    void feedOthersCanRewriteIsRefused() throws Exception {
        Path feed = sandbox.feedDir("tool").resolve("feed.json");
        Files.setPosixFilePermissions(feed, PosixFilePermissions.fromString("rw-rw-rw-"));
        HelperClient.await(client.check("tool"));
        ErrorEvent err = events.await(ErrorEvent.class, e -> "tool".equals(e.target()));
        assertThat(err.code()).isEqualTo(ErrorCode.SOURCE_ERROR);
        assertThat(err.message()).contains(feed.toString()).contains("writable only by its owner");
        long job = HelperClient.await(client.update("tool", "2.0.0", false)).job();
        assertThat(events.await(ErrorEvent.class, e -> e.concernsJob(job)).code()).isEqualTo(ErrorCode.SOURCE_ERROR);
        assertThat(Files.readAllBytes(target)).isEqualTo(v1);
    }

    @Test
    void targetInADirectoryOthersCanWriteIsReportedAndNotTouched() throws Exception {
        Files.setPosixFilePermissions(target.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Target t = HelperClient.await(client.listTargets()).targets().get(0);
        assertThat(t.lastError()).isNotNull();
        assertThat(t.lastError().code()).isEqualTo(ErrorCode.UNSAFE_PATH);
        assertThat(t.lastError().message()).contains("only root may be able to write there");
        long job = HelperClient.await(client.update("tool", "2.0.0", false)).job();
        assertThat(events.await(ErrorEvent.class, e -> e.concernsJob(job)).code()).isEqualTo(ErrorCode.UNSAFE_PATH);
        assertThat(Files.readAllBytes(target)).isEqualTo(v1);
    }

    @Test
    void requestsForUnknownTargetsAndBadArgumentsAreRefused() throws Exception {
        assertThatThrownBy(() -> HelperClient.await(client.update("nope", null, false)))
                .isInstanceOf(HelperException.class)
                .satisfies(e -> assertThat(((HelperException) e).code()).isEqualTo(ErrorCode.UNKNOWN_TARGET));
        assertThatThrownBy(() -> HelperClient.await(client.rollback("tool")))
                .isInstanceOf(HelperException.class)
                .satisfies(e -> assertThat(((HelperException) e).code()).isEqualTo(ErrorCode.NO_PREVIOUS));
    }

    private Target checkedTarget() throws Exception {
        events.await(org.upswap.client.model.CheckedEvent.class, e -> e.target().equals("tool"));
        return HelperClient.await(client.listTargets()).targets().get(0);
    }

    private static boolean onlyTargetIn(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.count() == 1;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
