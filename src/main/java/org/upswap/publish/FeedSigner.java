// The signing step of a publish. Feeds are unsigned for now; a minisign
// signer plugs in here without touching the rest of the publisher.
package org.upswap.publish;

import java.io.IOException;
import java.nio.file.Path;

@FunctionalInterface
public interface FeedSigner {

    /** Leaves the feed unsigned. */
    FeedSigner UNSIGNED = (feedFile, feedBytes) -> { };

    /**
     * Signs a feed that has just been written.
     *
     * @param feedFile where the feed now is (a signature goes next to it)
     * @param feedBytes exactly the bytes written there
     */
    void sign(Path feedFile, byte[] feedBytes) throws IOException;
}
