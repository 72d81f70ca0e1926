// feed.json and its signature, written under temporary names and put in
// place together: a signed feed is renamed into place and its signature right
// after it, one rename apart; for an unsigned feed the old signature is
// removed before the feed changes. So a served directory never pairs a feed
// with a signature of other bytes for longer than a rename, and a signing
// that fails changes nothing.
package org.upswap.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class StagedFeed implements AutoCloseable {

    private final Path feedFile;
    private final Path signatureFile;
    private final Path tempFeed;
    private Path tempSignature;
    private boolean committed;

    private StagedFeed(Path feedFile, Path tempFeed) {
        this.feedFile = feedFile;
        this.signatureFile = feedFile.resolveSibling(feedFile.getFileName() + FeedRules.SIGNATURE_SUFFIX);
        this.tempFeed = tempFeed;
    }

    /** Writes {@code bytes} next to {@code feedFile} under a temporary name, synced to disk. */
    static StagedFeed write(Path feedFile, byte[] bytes) throws PublishException {
        try {
            return new StagedFeed(feedFile, AtomicFiles.writeTemp(feedFile, bytes));
        } catch (IOException e) {
            throw new PublishException("cannot write " + feedFile + ": " + e.getMessage(), e);
        }
    }

    /** Has {@code signer} sign the staged bytes; returns false if it leaves the feed unsigned. */
    boolean sign(FeedSigner signer, String trustedComment) throws PublishException {
        Path temp;
        try {
            temp = AtomicFiles.createTemp(feedFile.getParent(), signatureFile.getFileName().toString());
        } catch (IOException e) {
            throw new PublishException("cannot create a file in " + feedFile.getParent() + ": " + e.getMessage(), e);
        }
        tempSignature = temp;
        boolean signed;
        try {
            signed = signer.sign(tempFeed, trustedComment, temp);
        } catch (PublishException e) {
            throw new PublishException("cannot sign " + feedFile + ": " + e.getMessage(), e);
        }
        if (!signed) {
            deleteQuietly(temp);
            tempSignature = null;
            return false;
        }
        try {
            if (Files.size(temp) == 0) {
                throw new PublishException("signing " + feedFile + " produced an empty signature");
            }
            AtomicFiles.sync(temp);
        } catch (IOException e) {
            throw new PublishException("cannot read back the signature of " + feedFile + ": " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * Puts the feed, and its signature if it was signed, in place.
     *
     * @return the signature file, or null if the feed is unsigned
     */
    Path commit() throws PublishException {
        Path dir = feedFile.getParent();
        try {
            if (tempSignature == null) {
                // Removed first: the old signature must never vouch for the new bytes.
                Files.deleteIfExists(signatureFile);
            }
            AtomicFiles.rename(tempFeed, feedFile);
            committed = true;
        } catch (IOException e) {
            throw new PublishException("cannot write " + feedFile + ": " + e.getMessage(), e);
        }
        if (tempSignature != null) {
            try {
                AtomicFiles.rename(tempSignature, signatureFile);
            } catch (IOException e) {
                // The old signature does not match the new feed; no signature is the honest state.
                deleteQuietly(signatureFile);
                throw new PublishException("wrote " + feedFile + " but could not put its signature in place: "
                        + e.getMessage() + "; publish again to sign it", e);
            }
        }
        try {
            AtomicFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new PublishException("cannot sync " + dir + ": " + e.getMessage(), e);
        }
        return tempSignature == null ? null : signatureFile;
    }

    /** Removes what was staged and not committed. */
    @Override
    public void close() {
        if (!committed) {
            deleteQuietly(tempFeed);
        }
        if (tempSignature != null) {
            deleteQuietly(tempSignature);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray temporary file starting with a dot is harmless; the publish result matters more.
        }
    }
}
