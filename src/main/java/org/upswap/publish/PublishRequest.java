// What to publish and how; checked when built, so a bad value is reported
// before anything is read or written.
package org.upswap.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.upswap.client.protocol.Names;

/**
 * @param notes release notes, "" for none
 * @param minFrom the oldest installed version this release may replace, or null for any
 * @param rollout percentage of machines offered the release, 0 to 100
 * @param expiresIn the feed expires this long after publishing, or null for never
 * @param keep keep only this many newest releases in the feed, or null for all
 * @param clearNextKeys drop the next_keys the feed announces so far
 * @param nextKeys keys to add to next_keys (after clearing, if asked); ones already listed are kept once
 */
public record PublishRequest(Path feedDir, String product, String version, Path artifact, String notes,
                             boolean critical, String minFrom, int rollout, Duration expiresIn, Integer keep,
                             boolean clearNextKeys, List<MinisignPublicKey> nextKeys) {

    /** @throws IllegalArgumentException naming the field that is wrong */
    public PublishRequest {
        Objects.requireNonNull(feedDir, "feedDir");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(notes, "notes");
        if (!Names.isTargetName(product)) {
            throw new IllegalArgumentException("product '" + product + "' is not valid: use 1 to 64 of"
                    + " a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        if (!Names.isVersion(version)) {
            throw new IllegalArgumentException("version '" + version + "' is not valid: use 1 to 64 of"
                    + " A-Z, a-z, 0-9, '.', '+', '~', '-', starting with a letter or digit");
        }
        if (minFrom != null && !Names.isVersion(minFrom)) {
            throw new IllegalArgumentException("min-from version '" + minFrom + "' is not valid");
        }
        if (minFrom != null && VersionOrder.INSTANCE.compare(minFrom, version) > 0) {
            throw new IllegalArgumentException("min-from " + minFrom + " is newer than the release " + version);
        }
        if (rollout < 0 || rollout > FeedRules.MAX_ROLLOUT) {
            throw new IllegalArgumentException("rollout must be 0 to 100, got " + rollout);
        }
        if (!FeedRules.isValidNotes(notes)) {
            throw new IllegalArgumentException("notes must be at most " + FeedRules.MAX_NOTES_BYTES
                    + " bytes of UTF-8, without control characters other than newline and tab");
        }
        if (FeedRules.artifactFileName(product, version).length() > FeedRules.MAX_ARTIFACT_NAME_LENGTH) {
            throw new IllegalArgumentException("product and version together are too long: the artifact name "
                    + FeedRules.artifactFileName(product, version) + " has more than "
                    + FeedRules.MAX_ARTIFACT_NAME_LENGTH + " characters");
        }
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
            throw new IllegalArgumentException("expiry must be in the future, got " + expiresIn);
        }
        if (keep != null && keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        nextKeys = List.copyOf(new LinkedHashSet<>(nextKeys));
        if (nextKeys.size() > FeedRules.MAX_NEXT_KEYS) {
            throw new IllegalArgumentException("a feed announces at most " + FeedRules.MAX_NEXT_KEYS
                    + " next keys, got " + nextKeys.size());
        }
    }

    public static Builder builder(Path feedDir, String product, String version, Path artifact) {
        return new Builder(feedDir, product, version, artifact);
    }

    /**
     * Optional settings default to: no notes, not critical, any from-version, 100 % rollout, no expiry, keep all,
     * next keys as they are.
     */
    public static final class Builder {

        private final Path feedDir;
        private final String product;
        private final String version;
        private final Path artifact;
        private String notes = "";
        private boolean critical;
        private String minFrom;
        private int rollout = FeedRules.MAX_ROLLOUT;
        private Duration expiresIn;
        private Integer keep;
        private boolean clearNextKeys;
        private List<MinisignPublicKey> nextKeys = List.of();

        private Builder(Path feedDir, String product, String version, Path artifact) {
            this.feedDir = feedDir;
            this.product = product;
            this.version = version;
            this.artifact = artifact;
        }

        public Builder notes(String value) {
            notes = value;
            return this;
        }

        public Builder critical(boolean value) {
            critical = value;
            return this;
        }

        public Builder minFrom(String value) {
            minFrom = value;
            return this;
        }

        public Builder rollout(int value) {
            rollout = value;
            return this;
        }

        public Builder expiresIn(Duration value) {
            expiresIn = value;
            return this;
        }

        public Builder keep(Integer value) {
            keep = value;
            return this;
        }

        public Builder clearNextKeys(boolean value) {
            clearNextKeys = value;
            return this;
        }

        public Builder nextKeys(List<MinisignPublicKey> value) {
            nextKeys = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is wrong */
        public PublishRequest build() {
            return new PublishRequest(feedDir, product, version, artifact, notes, critical, minFrom, rollout,
                    expiresIn, keep, clearNextKeys, nextKeys);
        }
    }
}
