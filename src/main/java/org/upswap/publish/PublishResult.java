// What a publish did.
package org.upswap.publish;

import java.nio.file.Path;
import java.util.List;

/**
 * @param replaced true if the feed already listed this version (same bytes) and its entry was updated
 * @param dropped versions removed from the feed by "keep"; their files are left in place
 */
public record PublishResult(Path feedFile, long serial, FeedRelease release, boolean replaced,
                            List<String> dropped) {

    public PublishResult {
        dropped = List.copyOf(dropped);
    }
}
