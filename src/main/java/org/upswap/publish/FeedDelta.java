// A binary patch a release may offer next to its full artifact (see
// docs/feed.md). The publisher does not make deltas; it keeps the ones a feed
// lists when it rewrites the feed.
package org.upswap.publish;

import java.util.Objects;

/**
 * @param from the installed version the patch applies to
 * @param url a file name next to feed.json, or an absolute URL
 * @param size bytes of the patch
 * @param sha256 of the patch, 64 lowercase hex digits
 * @param format how to apply it, e.g. "bsdiff4"; a helper that cannot apply a format uses the full artifact
 */
public record FeedDelta(String from, String url, long size, String sha256, String format) {

    public FeedDelta {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(format, "format");
    }
}
