package org.upswap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units as the package installs them: systemd-analyze verify
 * finds nothing wrong (also with the generator's drop-in), the helper's
 * sandbox stays as strict as it is (systemd-analyze security), and the
 * generator opens exactly the directories of the targets the helper loads.
 * Running them under a real systemd is packaging/install-test's job.
 */
class SystemdUnitsIT {
    static final List<String> UNITS = List.of("upswap-helper.service", "upswap-helper.socket",
            "upswap-fetch.socket", "upswap-fetch@.service", "upswap-check.service", "upswap-check.timer");
    /**
     * The goal for systemd-analyze's exposure of upswap-helper.service: root
     * with the capabilities a swap and a restart need, and no network (the
     * downloader is a service of its own; docs/packaging.md). It is 1.5 today.
     */
    static final double HELPER_EXPOSURE_CEILING = 2.0;
    static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)");

    static BuiltPackage pkg;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        pkg = BuiltPackage.get();
    }

    /**
     * systemd-analyze verify --root checks units, the programs they run and
     * their man pages inside the root: the package's files plus the host's
     * units (for the targets they name) and the two host programs they run.
     */
    static Path verifyRoot(Path dir) throws IOException {
        Command.ok("cp", "-a", pkg.root + "/.", dir.toString());
        Files.createDirectories(dir.resolve("lib/systemd/system"));
        Command.ok("cp", "-an", "/lib/systemd/system/.", dir.resolve("lib/systemd/system").toString());
        for (String program : List.of("/bin/kill", "/usr/bin/logger")) {
            Path copy = dir.resolve(program.substring(1));
            Files.createDirectories(copy.getParent());
            Files.copy(Path.of(program), copy);
        }
        return dir;
    }

    static Command verify(Path root) {
        List<String> argv = new ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + root));
        UNITS.forEach(u -> argv.add(root.resolve("lib/systemd/system/" + u).toString()));
        return Command.run(argv, Map.of("MANPATH", root.resolve("usr/share/man").toString()), root);
    }

    @Test
    void unitsVerifyClean() throws IOException {
        Command c = verify(verifyRoot(pkg.scratch("verify")));
        assertThat(c.exit()).as(c.output()).isZero();
        assertThat(c.output()).as("systemd-analyze verify says nothing about correct units").isBlank();
    }

    /** systemd-analyze security --offline of one of the package's units. */
    static Command security(String unit) {
        return Command.run("systemd-analyze", "security", "--offline=true", "--no-pager",
                pkg.file("/lib/systemd/system/" + unit).toString());
    }

    /** The overall exposure in a security report, printed for the record. */
    static double exposure(String unit, Command report) {
        Matcher m = EXPOSURE.matcher(report.out());
        assertThat(m.find()).as(report.output()).isTrue();
        double exposure = Double.parseDouble(m.group(1));
        System.out.printf("packaging: systemd-analyze security %s: exposure %.1f%n", unit, exposure);
        return exposure;
    }

    /** Each setting is one the report shows as in force. */
    static void inForce(Command report, String... settings) {
        for (String setting : settings) {
            assertThat(report.out()).as(setting).containsPattern("✓ " + Pattern.quote(setting) + "\\s");
        }
    }

    @Test
    void helperServiceIsLockedDown() {
        Command c = security("upswap-helper.service");
        assertThat(exposure("upswap-helper.service", c)).as(c.out()).isLessThanOrEqualTo(HELPER_EXPOSURE_CEILING);
        // The settings the sandbox stands on.
        inForce(c, "ProtectSystem=", "ProtectHome=", "PrivateTmp=", "PrivateDevices=",
                "NoNewPrivileges=", "ProtectProc=", "RestrictSUIDSGID=", "MemoryDenyWriteExecute=",
                "SystemCallArchitectures=", "RestrictNamespaces=~user", "CapabilityBoundingSet=~CAP_SYS_ADMIN",
                "CapabilityBoundingSet=~CAP_NET_ADMIN", "RestrictAddressFamilies=~AF_NETLINK",
                "SystemCallFilter=~@mount", "ProtectKernelModules=", "ProtectKernelTunables=");
    }

    @Test
    void helperHasNoNetworkAndItsDownloaderNoPrivileges() {
        inForce(security("upswap-helper.service"), "PrivateNetwork=", "RestrictAddressFamilies=~AF_(INET|INET6)",
                "IPAddressDeny=", "CapabilityBoundingSet=~CAP_SET(UID|GID|PCAP)");
        Command fetch = security("upswap-fetch@.service");
        assertThat(exposure("upswap-fetch@.service", fetch)).as(fetch.out())
                .isLessThanOrEqualTo(HELPER_EXPOSURE_CEILING);
        inForce(fetch, "User=/DynamicUser=", "PrivateUsers=", "CapabilityBoundingSet=~CAP_SYS_ADMIN",
                "CapabilityBoundingSet=~CAP_(DAC_*|FOWNER|IPC_OWNER)", "ProtectSystem=", "ProtectHome=");
    }

    @Test
    void checkServiceIsSafe() {
        Command c = security("upswap-check.service");
        assertThat(exposure("upswap-check.service", c)).as(c.out()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void generatorOpensTheDirectoriesOfLoadedTargetsOnly() throws IOException {
        Path conf = tmp.resolve("config");
        Path targets = Files.createDirectories(conf.resolve("etc/upswap/targets.d"));
        target(targets, "plain", "/opt/plain/bin/plain");
        target(targets, "spaced", "/opt/with space/bin/tool");
        target(targets, "percent", "/srv/50%/tool");
        target(targets, "shared", "/opt/plain/bin/other"); // the same directory once
        target(targets, "quoted", "/opt/q\"uote/tool"); // refused by the generator
        Path writable = target(targets, "writable", "/opt/writable/bin/tool"); // ignored by the helper
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.writeString(targets.resolve("broken.conf"), "path = /opt/broken/bin/x\n"); // no source

        Path out = Files.createDirectories(tmp.resolve("generator"));
        Command c = generate(conf, out);
        assertThat(c.exit()).as(c.output()).isZero();
        assertThat(c.err()).contains("not opening '/opt/q\"uote'");
        Path dropin = out.resolve("upswap-helper.service.d/50-target-directories.conf");
        List<String> lines = Files.readAllLines(dropin).stream().filter(l -> l.startsWith("ReadWritePaths=")).toList();
        assertThat(lines).containsExactly(
                "ReadWritePaths=\"-/opt/plain/bin\"",
                "ReadWritePaths=\"-/opt/with space/bin\"",
                "ReadWritePaths=\"-/srv/50%%\"");

        // systemd reads it as meant.
        Path root = verifyRoot(pkg.scratch("verify"));
        Path dir = Files.createDirectories(root.resolve("etc/systemd/system/upswap-helper.service.d"));
        Files.copy(dropin, dir.resolve(dropin.getFileName()));
        Command v = verify(root);
        assertThat(v.exit()).as(v.output()).isZero();
        assertThat(v.output()).isBlank();
    }

    @Test
    void generatorWritesNothingWithoutTargets() throws IOException {
        Path conf = tmp.resolve("config");
        Files.createDirectories(conf.resolve("etc/upswap/targets.d"));
        Path out = Files.createDirectories(tmp.resolve("generator"));
        Command c = generate(conf, out);
        assertThat(c.exit()).as(c.output()).isZero();
        assertThat(out.resolve("upswap-helper.service.d")).doesNotExist();
    }

    /** Runs the packaged generator into {@code out}, with the build's helper reading the config under {@code conf}. */
    private static Command generate(Path conf, Path out) {
        return Command.run(List.of(pkg.file("/lib/systemd/system-generators/upswap-helper-generator").toString(),
                out.toString(), out.toString(), out.toString()),
                Map.of("UPSWAP_HELPER", BuiltPackage.BASEDIR.resolve("helper/build/upswap-helper").toString(),
                        "UPSWAP_CONFIG_ROOT", conf.toString()), null);
    }

    private static Path target(Path dir, String name, String path) throws IOException {
        Path f = dir.resolve(name + ".conf");
        Files.writeString(f, "path = " + path + "\nsource = file:///srv/feeds/" + name + "/feed.json\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }
}
