// What a valid feed is, as upswap-helper checks it (helper/src/feed.c): the
// format number, the size and count limits, and the spelling of hashes,
// times, notes and artifact names.
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
    public static final int MAX_FEED_BYTES = 1 << 20;
    public static final int MAX_RELEASES = 256;
    public static final int MAX_NOTES_BYTES = 4096;
    public static final int MAX_URL_BYTES = 2048;
    public static final int MAX_ARTIFACT_NAME_LENGTH = 128;
    public static final long MAX_ARTIFACT_BYTES = 4L << 30;
    public static final int MAX_ROLLOUT = 100;
    /** Serials stay exact in every JSON parser. */
    public static final long MAX_SERIAL = (1L << 53) - 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,127}");
    /** The one time format the helper reads: whole seconds, UTC. */
    private static final Pattern TIMESTAMP = Pattern.compile("(19[7-9]\\d|[2-9]\\d{3})-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    private FeedRules() {
    }

    public static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** At most 4096 bytes of UTF-8; no NUL, which the helper's C strings cannot carry. */
    public static boolean isValidNotes(String notes) {
        return notes.indexOf('\0') < 0 && notes.getBytes(StandardCharsets.UTF_8).length <= MAX_NOTES_BYTES;
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
}
