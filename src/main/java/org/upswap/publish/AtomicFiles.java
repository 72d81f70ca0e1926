// Writes files so that readers see the old content or the new, never a mix:
// a temporary file in the same directory, fsync, rename over, fsync the
// directory so the rename itself survives a crash.
package org.upswap.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to a new temporary file next to {@code target},
     * world-readable (feeds are served as they are) and synced, ready to be
     * renamed over {@code target}.
     */
    static Path writeTemp(Path target, byte[] content) throws IOException {
        Path temp = createTemp(target.getParent(), target.getFileName().toString());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /**
     * A new empty file in {@code dir} for later {@link #moveIntoPlace}. Its
     * name starts with a dot so it can never be mistaken for an artifact.
     */
    static Path createTemp(Path dir, String forName) throws IOException {
        Path temp = Files.createTempFile(dir, "." + forName + ".", ".tmp");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return temp;
    }

    /** Renames a synced {@code temp} over {@code target} and makes the rename durable. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        rename(temp, target);
        syncDirectory(target.getParent());
    }

    /** Renames {@code temp} over {@code target} atomically; durable once the directory is synced. */
    static void rename(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Syncs a file that another program wrote. */
    static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
