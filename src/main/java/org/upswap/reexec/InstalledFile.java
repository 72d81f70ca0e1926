package org.upswap.reexec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file as it was when the program started: its path and the (device,
 * inode) pair that names that very file. upswap installs a new version by
 * renaming a new file over the path, so the path then names another inode.
 */
public final class InstalledFile {
    private final Path path;
    private final long dev;
    private final long ino;

    private InstalledFile(Path path, long dev, long ino) {
        this.path = path;
        this.dev = dev;
        this.ino = ino;
    }

    /** Records which file {@code path} names now. */
    public static InstalledFile of(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        long[] id = identity(abs);
        return new InstalledFile(abs, id[0], id[1]);
    }

    public Path path() {
        return path;
    }

    /**
     * Whether the path now names another file: one stat(), cheap enough for
     * every pass through a main loop. A missing file (someone else's
     * half-done install) is not a replacement.
     */
    public boolean replaced() {
        try {
            long[] now = identity(path);
            return now[0] != dev || now[1] != ino;
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** True if {@code other} records the same file as this. */
    boolean sameFileAs(InstalledFile other) {
        return other != null && other.dev == dev && other.ino == ino;
    }

    private static long[] identity(Path p) throws IOException {
        // The "unix" attribute view gives st_dev and st_ino on Linux.
        Object dev = Files.getAttribute(p, "unix:dev");
        Object ino = Files.getAttribute(p, "unix:ino");
        return new long[] {((Number) dev).longValue(), ((Number) ino).longValue()};
    }

    @Override
    public String toString() {
        return path + " (dev " + dev + ", inode " + ino + ")";
    }
}
