package org.upswap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The .deb installed into a fresh Debian 12 booted with systemd, with its
 * dependencies from the archive, then used and purged: packaging/install-test
 * does it and prints a line per check. Needs root, debootstrap,
 * systemd-nspawn and the Debian mirror; runs with -Pinstall-test, which
 * scripts/run-tests adds when it runs as root.
 */
class DebInstallIT {

    @Test
    void installsRunsUpdatesAndPurgesOnDebian12() {
        BuiltPackage pkg = BuiltPackage.get();
        long start = System.nanoTime();
        Command c = Command.run(BuiltPackage.PACKAGING.resolve("install-test").toString(), pkg.deb.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.print(c.out());
        System.out.printf("packaging: install-test took %d s%n", seconds);
        assertThat(c.out()).as(c.err()).doesNotContain("\nFAIL ");
        List<String> lines = c.out().lines().toList();
        assertThat(lines).as(c.err()).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).matches("install-test: \\d+ passed, 0 failed");
        assertThat(c.exit()).as(c.err()).isZero();
    }
}
