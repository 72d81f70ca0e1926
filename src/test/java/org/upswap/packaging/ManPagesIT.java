package org.upswap.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The man pages are lint-clean (mandoc, man --warnings) and describe what
 * the programs really have: every command and option their --help lists,
 * every configuration key the helper accepts. The default helper.conf and
 * the example target are valid configuration.
 */
class ManPagesIT {
    static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z-]*)");
    static final Pattern KNOWN_KEYS = Pattern.compile("\\(known: ([a-z_, ]+)\\)");

    static BuiltPackage pkg;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        pkg = BuiltPackage.get();
    }

    static List<Path> pages() {
        return pkg.paths().stream().filter(p -> p.startsWith("/usr/share/man/")).map(pkg::file).toList();
    }

    @Test
    void pagesAreLintClean() {
        assertThat(pages()).hasSize(6);
        for (Path page : pages()) {
            Command lint = Command.run("mandoc", "-T", "lint", "-W", "style", page.toString());
            assertThat(lint.output()).as(page.toString()).isBlank();
            assertThat(lint.exit()).as(page.toString()).isZero();
            Command man = Command.run(List.of("man", "--warnings", "-l", page.toString()),
                    Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8"), null);
            assertThat(man.err()).as(page.toString()).isBlank();
            assertThat(man.exit()).as(page.toString()).isZero();
        }
    }

    @Test
    void upswapPageDescribesEveryCommandAndOption() throws IOException {
        String page = source("upswap.1");
        String help = cli("--help");
        List<String> commands = commands(help);
        assertThat(commands).contains("status", "update", "publish");
        Set<String> options = options(help);
        for (String command : commands) {
            assertThat(page).as("command " + command).containsPattern("(?m)^\\.B[IR]? " + command + "\\b");
            options.addAll(options(cli(command, "--help")));
        }
        for (String option : options) {
            assertThat(page).as("option --" + option).contains("\\-\\-" + option.replace("-", "\\-"));
        }
    }

    @Test
    void desktopPageDescribesEveryOption() throws IOException {
        String help = Command.ok("java", "-cp", BuiltPackage.BASEDIR.resolve("target/upswap.jar") + ":"
                + BuiltPackage.BASEDIR.resolve("target/lib") + "/*", "org.upswap.desktop.UpswapDesktop", "--help").out();
        String page = source("upswap-desktop.1");
        for (String option : options(help)) {
            assertThat(page).as("option --" + option).contains("\\-\\-" + option.replace("-", "\\-"));
        }
    }

    @Test
    void helperPageDescribesEveryOption() throws IOException {
        String page = source("upswap-helper.8");
        for (String option : options(Command.ok(helper(), "--help").out())) {
            assertThat(page).as("option --" + option).contains("\\-\\-" + option.replace("-", "\\-"));
        }
    }

    @Test
    void configurationPagesDescribeEveryKey() throws IOException {
        Path root = configRoot();
        Files.writeString(root.resolve("etc/upswap/helper.conf"), "nonsense = 1\n");
        Files.writeString(root.resolve("etc/upswap/targets.d/x.conf"), "nonsense = 1\n");
        List<String> lists = new ArrayList<>();
        Matcher m = KNOWN_KEYS.matcher(Command.run(helper(), "--root", root.toString(), "--check-config").err());
        while (m.find()) {
            lists.add(m.group(1));
        }
        assertThat(lists).as("the helper names its known keys").hasSize(2);
        String helperConfPage = source("upswap-helper.conf.5");
        String helperConf = Files.readString(BuiltPackage.PACKAGING.resolve("config/helper.conf"));
        for (String key : lists.get(0).split(", ")) {
            assertThat(helperConfPage).as("helper.conf key " + key).contains(".BI " + key.replace("_", "_") + " \"");
            assertThat(helperConf).as("default helper.conf shows " + key).containsPattern("(?m)^#" + key + " = ");
        }
        String targetsPage = source("upswap-targets.d.5");
        for (String key : lists.get(1).split(", ")) {
            assertThat(targetsPage).as("target key " + key).contains(".BI " + key + " \"");
        }
    }

    @Test
    void defaultConfigurationAndExampleTargetAreValid() throws IOException {
        Path root = configRoot();
        // helper.conf with every commented default switched on.
        String defaults = Files.readString(BuiltPackage.PACKAGING.resolve("config/helper.conf"))
                .replaceAll("(?m)^#([a-z_]+ = )", "$1");
        write(root.resolve("etc/upswap/helper.conf"), defaults);
        write(root.resolve("etc/upswap/targets.d/demo.conf"),
                Files.readString(pkg.file("/usr/share/doc/upswap/examples/demo.conf.example")));
        Command c = Command.run(helper(), "--root", root.toString(), "--check-config");
        assertThat(c.err()).isBlank();
        assertThat(c.exit()).isZero();
        assertThat(c.out()).contains("demo: /opt/demo/bin/demo from https://example.org/demo/feed.json");
    }

    private Path configRoot() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc/upswap/targets.d"));
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static String helper() {
        return BuiltPackage.BASEDIR.resolve("helper/build/upswap-helper").toString();
    }

    private static String cli(String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "-jar", BuiltPackage.BASEDIR.resolve("target/upswap.jar").toString()));
        argv.addAll(List.of(args));
        Command c = Command.run(argv);
        assertThat(c.exit()).as(c.output()).isZero();
        return c.out();
    }

    /** The command names under "Commands:" in picocli's help. */
    private static List<String> commands(String help) {
        String section = help.substring(help.indexOf("Commands:"));
        section = section.substring(0, section.indexOf("\n\n") < 0 ? section.length() : section.indexOf("\n\n"));
        return section.lines().map(l -> l.matches("^  [a-z]+ .*|^  [a-z]+$") ? l.strip().split("\\s+")[0] : null)
                .filter(s -> s != null).toList();
    }

    private static Set<String> options(String help) {
        Set<String> options = new LinkedHashSet<>();
        Matcher m = LONG_OPTION.matcher(help);
        while (m.find()) {
            options.add(m.group(1));
        }
        return options;
    }

    private static String source(String page) throws IOException {
        return Files.readString(BuiltPackage.PACKAGING.resolve("man/" + page));
    }
}
