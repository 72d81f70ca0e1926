package org.upswap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The .deb: lintian finds nothing (the few overrides in
 * packaging/deb/lintian-overrides say why), and it holds what the helper,
 * the app and a machine need, where they look for it.
 */
class DebPackageIT {
    static BuiltPackage pkg;

    @BeforeAll
    static void build() {
        pkg = BuiltPackage.get();
    }

    @Test
    void lintianFindsNothing() {
        Command c = Command.run("lintian", "--pedantic", "--display-experimental", "--fail-on", "error,warning,info,pedantic",
                pkg.deb.toString());
        System.out.printf("packaging: lintian: exit %d, %d tag(s); %s is %d KiB%n", c.exit(),
                c.out().lines().filter(l -> l.matches("^[EWIPX]: .*")).count(), pkg.deb.getFileName(),
                sizeKiB(pkg.deb));
        assertThat(c.out().lines().filter(l -> l.matches("^[EWIPX]: .*")).toList()).as(c.output()).isEmpty();
        assertThat(c.exit()).as(c.output()).isZero();
    }

    @Test
    void holdsTheHelperWhereItLooksForItsDownloader() {
        assertThat(pkg.file("/usr/sbin/upswap-helper")).isExecutable();
        assertThat(pkg.file("/usr/libexec/upswap/upswap-fetch")).isExecutable();
        String help = Command.ok(BuiltPackage.BASEDIR.resolve("helper/build/upswap-helper").toString(), "--help").out();
        assertThat(help).as("the helper's default downloader").contains("/usr/libexec/upswap/upswap-fetch");
    }

    @Test
    void holdsEveryJarTheAppNeeds() throws IOException {
        assertThat(pkg.file("/usr/share/upswap/upswap.jar")).isRegularFile();
        // Every Class-Path entry of the manifest is shipped (build-deb copies exactly those).
        String classPath;
        try (JarFile jar = new JarFile(pkg.file("/usr/share/upswap/upswap.jar").toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        assertThat(classPath).isNotBlank();
        for (String jar : classPath.split(" ")) {
            assertThat(pkg.file("/usr/share/upswap/" + jar)).as(jar).isRegularFile();
        }
        assertThat(pkg.file("/usr/share/java/upswap-reexec.jar")).isRegularFile();
        assertThat(Files.readString(pkg.file("/usr/bin/upswap-desktop"))).contains("@/usr/share/upswap/upswap-desktop.options");
        assertThat(pkg.file("/usr/share/upswap/upswap-desktop.options")).hasSameTextualContentAs(
                BuiltPackage.BASEDIR.resolve("scripts/upswap-desktop.options"));
        for (String launcher : List.of("/usr/bin/upswap", "/usr/bin/upswap-desktop")) {
            assertThat(pkg.file(launcher)).isExecutable();
            assertThat(Files.readString(pkg.file(launcher))).contains("/usr/lib/jvm/java-17-openjdk-");
        }
    }

    @Test
    void holdsEveryIconThatWasRendered() throws IOException {
        Path icons = BuiltPackage.BASEDIR.resolve("icons");
        try (Stream<Path> s = Files.walk(icons.resolve("hicolor"))) {
            List<String> rendered = s.filter(Files::isRegularFile).map(p -> "/usr/share/icons/" + icons.relativize(p)).toList();
            assertThat(rendered).isNotEmpty();
            assertThat(pkg.paths()).containsAll(rendered);
        }
        assertThat(pkg.paths()).contains("/usr/share/icons/hicolor/48x48/apps/upswap.png",
                "/usr/share/icons/hicolor/scalable/apps/upswap.svg");
    }

    @Test
    void holdsUnitsPolicyDesktopFilesManPagesAndConfiguration() {
        assertThat(pkg.paths()).contains(
                "/lib/systemd/system/upswap-helper.service", "/lib/systemd/system/upswap-helper.socket",
                "/lib/systemd/system/upswap-fetch.socket", "/lib/systemd/system/upswap-fetch@.service",
                "/lib/systemd/system/upswap-check.service", "/lib/systemd/system/upswap-check.timer",
                "/lib/systemd/system-generators/upswap-helper-generator", "/usr/lib/tmpfiles.d/upswap.conf",
                "/usr/share/polkit-1/actions/org.upswap.policy",
                "/usr/share/applications/upswap.desktop", "/etc/xdg/autostart/upswap.desktop",
                "/usr/share/metainfo/org.upswap.Upswap.metainfo.xml",
                "/usr/share/man/man1/upswap.1.gz", "/usr/share/man/man1/upswap-desktop.1.gz",
                "/usr/share/man/man8/upswap-helper.8.gz", "/usr/share/man/man5/upswap-helper.conf.5.gz",
                "/usr/share/man/man5/upswap-targets.d.5.gz", "/usr/share/man/man5/upswap-feed.5.gz",
                "/etc/upswap/helper.conf", "/usr/share/doc/upswap/examples/demo.conf.example",
                "/usr/share/doc/upswap/examples/50-upswap-admins.rules.example",
                "/usr/include/upswap-reexec.h", "/usr/share/doc/upswap/copyright");
        assertThat(pkg.paths()).anyMatch(p -> p.matches("/usr/lib/[^/]+-linux-gnu/libupswap-reexec\\.a"));
        // No live target: the example is documentation.
        assertThat(pkg.file("/etc/upswap/targets.d")).isEmptyDirectory();
    }

    @Test
    void dependsOnWhatItRuns() {
        String depends = pkg.control("Depends");
        // The helper's and the downloader's libraries (dpkg-shlibdeps), polkit
        // (pkcheck), kill (ExecReload), the Java runtime of the CLI, adduser (postinst).
        assertThat(depends).contains("libc6", "libcurl4", "libjson-c5", "libssl3", "polkitd", "procps",
                "openjdk-17-jre-headless", "adduser");
        assertThat(pkg.control("Recommends")).contains("openjdk-17-jre", "libgtk-3-0");
        assertThat(pkg.control("Suggests")).contains("minisign");
    }

    private static long sizeKiB(Path p) {
        try {
            return Files.size(p) / 1024;
        } catch (IOException e) {
            return -1;
        }
    }
}
