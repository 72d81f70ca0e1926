// What a valid feed is, as upswap-helper checks it (helper/src/feed.c): the
// format number, the size and count limits, the spelling of hashes, times,
// notes and artifact names, and where a feed's signature lives and what its
// trusted comment says.
package org.upswap.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

public final class FeedRules {

    public static final int FORMAT = 1;
    public static final String FEED_FILE_NAME = "feed.json";
    /** A feed's detached minisign signature is its own name (or URL) plus this. */
    public static final String SIGNATURE_SUFFIX = ".minisig";
    public static final String SIGNATURE_FILE_NAME = FEED_FILE_NAME + SIGNATURE_SUFFIX;
    public static final int MAX_FEED_BYTES = 1 << 20;
    public static final int MAX_RELEASES = 256;
    public static final int MAX_NOTES_BYTES = 4096;
    public static final int MAX_URL_BYTES = 2048;
    public static final int MAX_ARTIFACT_NAME_LENGTH = 128;
    public static final long MAX_ARTIFACT_BYTES = 4L << 30;
    public static final int MAX_ROLLOUT = 100;
    public static final int MAX_NEXT_KEYS = 8;
    /** Serials stay exact in every JSON parser. */
    public static final long MAX_SERIAL = (1L << 53) - 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,127}");
    /** Delta formats are spelled like product names; "bsdiff4" is the one defined so far. */
    private static final Pattern DELTA_FORMAT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** The one time format the helper reads: whole seconds, UTC. */
    private static final Pattern TIMESTAMP = Pattern.compile("(19[7-9]\\d|[2-9]\\d{3})-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    private FeedRules() {
    }

    public static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /**
     * At most 4096 bytes of UTF-8 and no control characters but newline and
     * tab: notes end up on terminals, where escape sequences could rewrite
     * what the user sees.
     */
    public static boolean isValidNotes(String notes) {
        for (int i = 0; i < notes.length(); i++) {
            char c = notes.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t') {
                return false;
            }
        }
        return notes.getBytes(StandardCharsets.UTF_8).length <= MAX_NOTES_BYTES;
    }

    public static boolean isDeltaFormat(String format) {
        return format != null && DELTA_FORMAT.matcher(format).matches();
    }

    /**
     * A plain file name next to feed.json (what a file:// source needs), or
     * an absolute URL; at most 2048 bytes.
     */
    public static boolean isArtifactUrl(String url) {
        if (url.indexOf('\0') >= 0 || url.getBytes(StandardCharsets.UTF_8).length > MAX_URL_BYTES) {
            return false;
        }
        if (FILE_NAME.matcher(url).matches()) {
            return true;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && !uri.isOpaque();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Parses a feed time (2027-06-01T00:00:00Z), or returns null if it is not one. */
    public static Instant parseTimestamp(String text) {
        if (!TIMESTAMP.matcher(text).matches()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The file name a release's artifact gets next to feed.json: PRODUCT-VERSION.
     * '~' (allowed in versions) is not allowed in artifact names and becomes
     * '_', which no version contains.
     */
    public static String artifactFileName(String product, String version) {
        return product + "-" + version.replace('~', '_');
    }

    /**
     * The trusted comment of a feed's signature, e.g. "upswap feed demo
     * serial 3 2026-12-04T12:00:00Z". It is covered by the signature, so
     * whoever reads it with minisign -V knows which publish it came from.
     */
    public static String trustedComment(String product, long serial, Instant signedAt) {
        return "upswap feed " + product + " serial " + serial + " " + FeedCodec.timestamp(signedAt);
    }
}
