// SHA-256 of a stream, computed while the bytes pass through, so a file is
// hashed in the same read that copies it.
package org.upswap.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Sha256 {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Size and hash of some bytes. */
    record Digest(long size, String sha256) {
    }

    private Sha256() {
    }

    /** Copies {@code in} to {@code out} (which may be null to only hash). */
    static Digest copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, read);
            if (out != null) {
                out.write(buffer, 0, read);
            }
            size += read;
        }
        return new Digest(size, HexFormat.of().formatHex(digest.digest()));
    }

    static Digest of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, null);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
