package org.upswap.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The .deb as packaging/deb/build-deb makes it from this build, built once
 * per test run into target/packaging-it and unpacked next to it, so every
 * check looks at the files a machine would get.
 */
final class BuiltPackage {
    static final Path BASEDIR = Path.of(System.getProperty("upswap.basedir", ".")).toAbsolutePath().normalize();
    static final Path PACKAGING = BASEDIR.resolve("packaging");

    private static BuiltPackage built;

    final Path deb;
    /** The package's files, as dpkg would install them. */
    final Path root;

    private BuiltPackage(Path deb, Path root) {
        this.deb = deb;
        this.root = root;
    }

    static synchronized BuiltPackage get() {
        if (built == null) {
            Path dir = BASEDIR.resolve("target/packaging-it");
            Command.ok("rm", "-rf", dir.toString());
            Command made = Command.ok(PACKAGING.resolve("deb/build-deb").toString(), dir.toString());
            Path deb = Path.of(made.out().strip());
            Path root = dir.resolve("root");
            Command.ok("dpkg-deb", "--extract", deb.toString(), root.toString());
            built = new BuiltPackage(deb, root);
        }
        return built;
    }

    /**
     * A new empty directory next to the package, for a check's own files
     * (systemd's unit tree holds links to /dev/null, which JUnit's temporary
     * directories complain about).
     */
    Path scratch(String name) {
        try {
            return Files.createTempDirectory(root.getParent(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the package, by its installed path ("/usr/sbin/upswap-helper"). */
    Path file(String installed) {
        return root.resolve(installed.substring(1));
    }

    /** Every installed path of a regular file or symlink, like "/usr/bin/upswap". */
    List<String> paths() {
        try (Stream<Path> s = Files.walk(root)) {
            List<String> paths = new ArrayList<>();
            s.filter(p -> !Files.isDirectory(p)).forEach(p -> paths.add("/" + root.relativize(p)));
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of the package's control file. */
    String control(String field) {
        return Command.ok("dpkg-deb", "--field", deb.toString(), field).out().strip();
    }
}
