// An artifact copied into the feed directory under a temporary name and
// hashed in the same pass, so the size and sha256 written into the feed are
// those of the bytes actually published, even if the source changes later.
package org.upswap.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

final class StagedArtifact implements AutoCloseable {

    private final Path temp;
    private final Sha256.Digest digest;
    private boolean committed;

    private StagedArtifact(Path temp, Sha256.Digest digest) {
        this.temp = temp;
        this.digest = digest;
    }

    /** Copies {@code source} into {@code dir} under a temporary name, synced to disk. */
    static StagedArtifact stage(Path source, Path dir, String finalName) throws PublishException {
        if (!Files.exists(source)) {
            throw new PublishException("artifact " + source + ": no such file");
        }
        if (!Files.isRegularFile(source)) {
            throw new PublishException("artifact " + source + ": not a regular file");
        }
        checkSize(source, sizeOf(source));
        Path temp;
        try {
            temp = AtomicFiles.createTemp(dir, finalName);
        } catch (IOException e) {
            throw new PublishException("cannot create a file in " + dir + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(source);
             FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            Sha256.Digest digest = Sha256.copy(in, out);
            channel.force(true);
            // Checked again: the file may have grown while it was copied.
            checkSize(source, digest.size());
            return new StagedArtifact(temp, digest);
        } catch (NoSuchFileException e) {
            deleteQuietly(temp);
            throw new PublishException("artifact " + source + ": no such file", e);
        } catch (PublishException e) {
            deleteQuietly(temp);
            throw e;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new PublishException("cannot copy artifact " + source + " into " + dir + ": " + e, e);
        }
    }

    private static long sizeOf(Path source) throws PublishException {
        try {
            return Files.size(source);
        } catch (IOException e) {
            throw new PublishException("artifact " + source + ": " + e.getMessage(), e);
        }
    }

    private static void checkSize(Path source, long size) throws PublishException {
        if (size > FeedRules.MAX_ARTIFACT_BYTES) {
            throw new PublishException("artifact " + source + ": " + size + " bytes; upswap-helper takes at most "
                    + FeedRules.MAX_ARTIFACT_BYTES);
        }
    }

    long size() {
        return digest.size();
    }

    String sha256() {
        return digest.sha256();
    }

    /**
     * Moves the copy to {@code target}. An existing file with the same bytes
     * is kept as it is; one with different bytes is never overwritten.
     */
    void commitAs(Path target) throws PublishException {
        try {
            if (Files.exists(target)) {
                Sha256.Digest existing = Sha256.of(target);
                if (!existing.equals(digest)) {
                    throw new PublishException(target + " already exists with different contents (sha256 "
                            + existing.sha256() + ", the artifact has " + digest.sha256()
                            + "); refusing to overwrite it");
                }
                return;
            }
            AtomicFiles.moveIntoPlace(temp, target);
            committed = true;
        } catch (IOException e) {
            throw new PublishException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the temporary copy unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray temporary file starting with a dot is harmless; the publish result matters more.
        }
    }
}
