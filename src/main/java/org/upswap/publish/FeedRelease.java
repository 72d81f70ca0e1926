// One release as a feed lists it (see docs/feed.md).
package org.upswap.publish;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * @param url a file name next to feed.json, or an absolute URL
 * @param size bytes
 * @param sha256 64 lowercase hex digits
 * @param notes release notes, at most 4096 bytes of UTF-8; "" for none
 * @param minFrom the oldest installed version this release may replace, or null for any
 * @param rollout percentage of machines offered this release, 0 to 100
 * @param published when it was published, or null if unknown
 * @param deltas patches from older versions to this one; empty for none
 */
public record FeedRelease(String version, String url, long size, String sha256, String notes, boolean critical,
                          String minFrom, int rollout, Instant published, List<FeedDelta> deltas) {

    public FeedRelease {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(notes, "notes");
        deltas = List.copyOf(deltas);
    }

    /** True if both describe the same bytes. */
    public boolean sameContentAs(long otherSize, String otherSha256) {
        return size == otherSize && sha256.equals(otherSha256);
    }
}
