// What a publish did.
package org.upswap.publish;

import java.nio.file.Path;
import java.util.List;

/**
 * @param replaced true if the feed already listed this version (same bytes) and its entry was updated
 * @param dropped versions removed from the feed by "keep"; their files are left in place
 * @param signatureFile the feed's signature, or null if the feed was published unsigned
 * @param trustedComment what the signature's trusted comment says, or would say if the feed were signed
 * @param nextKeys the next_keys the feed now announces
 */
public record PublishResult(Path feedFile, long serial, FeedRelease release, boolean replaced,
                            List<String> dropped, Path signatureFile, String trustedComment,
                            List<MinisignPublicKey> nextKeys) {

    public PublishResult {
        dropped = List.copyOf(dropped);
        nextKeys = List.copyOf(nextKeys);
    }

    public boolean signed() {
        return signatureFile != null;
    }
}
