// Which file a request path names, if any: only regular, visible files inside
// the served directory. Anything else (.., encoded slashes, hidden files such
// as .publish.lock and publish's temp files, symlinks leading out, the
// directory itself) is "not found", so nothing about the rest of the disk
// can be learnt through the server.
package org.upswap.cli.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

final class ServedPath {

    private final Path root;

    /** @param root the served directory, as a real path (symlinks resolved) */
    ServedPath(Path root) {
        this.root = root;
    }

    /** The file {@code rawPath} (the request's path, still percent-encoded) names. */
    Optional<Path> resolve(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        Path file = root;
        for (String rawSegment : rawPath.substring(1).split("/", -1)) {
            String segment = decode(rawSegment);
            if (segment == null || segment.isEmpty() || segment.startsWith(".") || segment.indexOf('/') >= 0
                    || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return Optional.empty();
            }
            try {
                file = file.resolve(segment);
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        try {
            // Symlinks inside the directory are fine as long as they stay inside it.
            Path real = file.toRealPath();
            return real.startsWith(root) && !real.equals(root) && Files.isRegularFile(real)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Percent-decoding of one segment as UTF-8; null if malformed. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null; // a raw path is ASCII
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
