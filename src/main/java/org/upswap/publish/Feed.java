// A product's feed: the document the helper fetches and checks (docs/feed.md).
package org.upswap.publish;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * @param serial grows by one with every publish; the helper refuses a feed older than one it has seen
 * @param expires after this the helper refuses the feed, or null for never
 * @param nextKeys keys a helper that trusts this feed's signature trusts too from then on, for every
 *                 target reading the feed (key rotation); empty for none
 * @param releases newest version first
 */
public record Feed(int format, String product, long serial, Instant expires, List<MinisignPublicKey> nextKeys,
                   List<FeedRelease> releases) {

    public Feed {
        Objects.requireNonNull(product, "product");
        nextKeys = List.copyOf(nextKeys);
        releases = List.copyOf(releases);
    }

    public Optional<FeedRelease> release(String version) {
        return releases.stream().filter(release -> release.version().equals(version)).findFirst();
    }
}
