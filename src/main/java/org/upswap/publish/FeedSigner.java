// The signing step of a publish. The publisher writes the new feed under a
// temporary name, asks the signer for a detached signature of exactly that
// file, and only then puts both in place (see StagedFeed).
package org.upswap.publish;

import java.nio.file.Path;

@FunctionalInterface
public interface FeedSigner {

    /** Publishes the feed unsigned; the publisher then removes a signature left from an earlier feed. */
    FeedSigner UNSIGNED = (feedFile, trustedComment, signatureFile) -> false;

    /**
     * Checks, before anything is written, what signing into {@code feedDir}
     * will need (a program, a readable key kept out of the served directory).
     */
    default void prepare(Path feedDir) throws PublishException {
    }

    /**
     * Signs a feed that is written but not yet in place.
     *
     * @param feedFile the staged feed, exactly the bytes that will be published
     * @param trustedComment what the signature's trusted comment must say (see FeedRules.trustedComment)
     * @param signatureFile an empty temporary file to write the minisign signature into
     * @return true if it wrote a signature, false to publish the feed unsigned
     */
    boolean sign(Path feedFile, String trustedComment, Path signatureFile) throws PublishException;
}
