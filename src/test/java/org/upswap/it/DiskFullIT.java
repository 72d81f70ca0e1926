package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.protocol.ErrorCode;

/**
 * The target's file system fills up in the middle of writing the new
 * binary (a real 1 MiB tmpfs): the update fails with disk-full, the old
 * binary is intact, and the half-written temp file is gone. Mounting needs
 * root, which CI has.
 */
class DiskFullIT {
    @TempDir
    Path tmp;
    Path mount;

    @Test
    void fullDiskLeavesOldBinaryIntact() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a tmpfs needs root (CI runs as root)");
        try (HelperSandbox sandbox = HelperSandbox.create(tmp)) {
            sandbox.writeHelperConf("check_on_start = no\n");
            byte[] v1 = CrashRecoveryIT.random(100 * 1024, 5);
            byte[] v2 = CrashRecoveryIT.random(2 * 1024 * 1024, 6);
            mount = sandbox.targetPath("app").getParent();
            Files.createDirectories(mount);
            run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", mount.toString());
            Path target = sandbox.addTarget("app", v1, null);
            sandbox.publish("app", "2.0.0", v2);
            sandbox.start();

            EventLog events = new EventLog();
            try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
                c.addListener(events);
                HelperClient.await(c.subscribe());
                long job = HelperClient.await(c.update("app", null, false)).job();
                ErrorEvent err = events.await(ErrorEvent.class, e -> e.concernsJob(job));
                assertThat(err.code()).isEqualTo(ErrorCode.DISK_FULL);
                assertThat(err.message()).contains(target.toString()).contains("nothing was changed");
            }
            assertThat(Files.readAllBytes(target)).isEqualTo(v1);
            try (Stream<Path> s = Files.list(mount)) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("app");
            }
            try (Stream<Path> s = Files.list(sandbox.journalDir())) {
                assertThat(s.toList()).isEmpty();
            }
            // The space is given back: a small enough update now fits.
            byte[] v3 = CrashRecoveryIT.random(200 * 1024, 7);
            sandbox.publish("app", "3.0.0", v3);
            try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
                EventLog ev = new EventLog();
                c.addListener(ev);
                HelperClient.await(c.subscribe());
                long job = HelperClient.await(c.update("app", "3.0.0", false)).job();
                ev.await(org.upswap.client.model.UpdatedEvent.class, e -> e.job() == job);
            }
            assertThat(Files.readAllBytes(target)).isEqualTo(v3);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }
}
