// A minisign public key, as the line of base64 that a .pub file holds and a
// target's "key =" setting and a feed's next_keys list carry: 42 bytes,
// "Ed" (the Ed25519 algorithm), an 8-byte key id, the 32-byte key.
package org.upswap.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/** @param base64 the key line exactly as minisign writes it (56 characters, no padding) */
public record MinisignPublicKey(String base64) {

    private static final int KEY_BYTES = 42;
    private static final int KEY_ID_OFFSET = 2;
    private static final int KEY_ID_BYTES = 8;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+=*");
    private static final String COMMENT_PREFIX = "untrusted comment:";
    /** A .pub file is two short lines; anything much larger is not one. */
    private static final long MAX_FILE_BYTES = 4096;

    /** @throws IllegalArgumentException saying why {@code base64} is not a minisign public key ("it is not base64") */
    public MinisignPublicKey {
        Objects.requireNonNull(base64, "base64");
        String problem = problem(base64);
        if (problem != null) {
            throw new IllegalArgumentException("it " + problem);
        }
    }

    /**
     * Parses a key line such as {@code RWQJcmqmJOdsQNV0ua/u...}.
     *
     * @throws IllegalArgumentException saying why it is not a minisign public key
     */
    public static MinisignPublicKey parse(String base64) {
        return new MinisignPublicKey(base64.strip());
    }

    /**
     * Reads a public key file as {@code minisign -G} writes it: an
     * "untrusted comment:" line, then the key line.
     *
     * @throws IllegalArgumentException if the file holds no valid public key
     */
    public static MinisignPublicKey read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("it is larger than a public key file can be");
        }
        String keyLine = null;
        for (String line : Files.readString(file, StandardCharsets.ISO_8859_1).lines().toList()) {
            if (!line.isBlank() && !line.startsWith(COMMENT_PREFIX)) {
                keyLine = line;
                break;
            }
        }
        if (keyLine == null) {
            throw new IllegalArgumentException("it holds no key line");
        }
        String problem = problem(keyLine.strip());
        if (problem != null) {
            throw new IllegalArgumentException("its key line " + problem);
        }
        return parse(keyLine);
    }

    /** True if {@code text} has only base64 characters, i.e. was meant as a key rather than a file name. */
    public static boolean looksLikeKey(String text) {
        return BASE64.matcher(text.strip()).matches();
    }

    /**
     * The key id as minisign prints it ("406CE724A66A7209"): the id bytes read
     * as a little-endian number, in hex without leading zeros (minisign's
     * PRIX64), so it matches the comment of the key file.
     */
    public String keyId() {
        byte[] bytes = Base64.getDecoder().decode(base64);
        long id = 0;
        for (int i = KEY_ID_BYTES - 1; i >= 0; i--) {
            id = (id << 8) | (bytes[KEY_ID_OFFSET + i] & 0xFF);
        }
        return Long.toHexString(id).toUpperCase(java.util.Locale.ROOT);
    }

    /** What is wrong with {@code base64} as a key ("is not base64"), or null if nothing is. */
    private static String problem(String base64) {
        if (!BASE64.matcher(base64).matches()) {
            return "is not base64";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "is not base64: " + e.getMessage();
        }
        if (bytes.length != KEY_BYTES) {
            return "decodes to " + bytes.length + " bytes; a minisign public key has " + KEY_BYTES;
        }
        if (bytes[0] != 'E' || bytes[1] != 'd') {
            return "does not start with the Ed25519 marker \"Ed\" (is it a signature or a secret key?)";
        }
        return null;
    }
}
