package org.upswap.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Strong entity tags from the files' content: the quoted first 128 bits of
 * the SHA-256, so a tag changes exactly when the bytes do. Remembered per
 * file while its size and modification time stay the same, because
 * artifacts may be hundreds of megabytes and are asked for again and again.
 */
final class ContentTags {
    private record Entry(long size, long modifiedNanos, Object fileKey, String tag) {
    }

    private final Map<Path, Entry> known = new ConcurrentHashMap<>();

    String of(Path file, BasicFileAttributes attrs) throws IOException {
        long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Entry e = known.get(file);
        if (e == null || e.size() != attrs.size() || e.modifiedNanos() != modified
                || !Objects.equals(e.fileKey(), attrs.fileKey())) {
            e = new Entry(attrs.size(), modified, attrs.fileKey(), "\"" + sha256Prefix(file) + "\"");
            known.put(file, e);
        }
        return e.tag();
    }

    private static String sha256Prefix(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
