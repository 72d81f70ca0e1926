// Keeps two publishes into the same directory from interleaving (both would
// read serial N and write N+1, losing one release).
package org.upswap.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

final class PublishLock implements AutoCloseable {

    static final String FILE_NAME = ".publish.lock";

    private final FileChannel channel;

    private PublishLock(FileChannel channel) {
        this.channel = channel;
    }

    static PublishLock acquire(Path dir) throws PublishException {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new PublishException("cannot create " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new PublishException("another publish is running in " + dir);
            }
            return new PublishLock(channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new PublishException("another publish is running in " + dir, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PublishException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (PublishException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Releases the lock (closing the channel does). */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The lock goes away with the descriptor either way.
        }
    }
}
