// Strong entity tags from the files' bytes: the quoted first 128 bits of their
// SHA-256, so a tag changes exactly when the content does (a publish that
// rewrites feed.json with the same bytes keeps its tag). Remembered while a
// file's size, modification time and inode stay the same, because artifacts
// can be large and are asked for again and again. The tests' feed server
// uses the same tags.
package org.upswap.cli.serve;

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

public final class EntityTags {

    private record Known(long size, long modifiedNanos, Object fileKey, String tag) {
    }

    private final Map<Path, Known> known = new ConcurrentHashMap<>();

    public String of(Path file, BasicFileAttributes attrs) throws IOException {
        long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Known k = known.get(file);
        if (k == null || k.size() != attrs.size() || k.modifiedNanos() != modified
                || !Objects.equals(k.fileKey(), attrs.fileKey())) {
            k = new Known(attrs.size(), modified, attrs.fileKey(), "\"" + sha256Prefix(file) + "\"");
            known.put(file, k);
        }
        return k.tag();
    }

    /** RFC 9110 13.1.2: If-None-Match compares weakly, so a W/ prefix does not matter. */
    public static boolean noneMatchHits(String header, String tag) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(tag) || c.startsWith("W/") && c.substring(2).equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256Prefix(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
