// Publishes one release into a feed directory: copies and hashes the
// artifact, adds or updates its entry, bumps the serial, updates next_keys,
// has the new feed signed and replaces feed.json and its signature. Nothing
// in the directory changes unless every check passed and signing worked.
package org.upswap.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

public final class FeedPublisher {

    private static final Comparator<FeedRelease> NEWEST_FIRST =
            Comparator.comparing(FeedRelease::version, VersionOrder.INSTANCE.reversed())
                    .thenComparing(FeedRelease::version);

    private final Clock clock;
    private final FeedSigner signer;

    public FeedPublisher() {
        this(Clock.systemUTC(), FeedSigner.UNSIGNED);
    }

    /** @param clock gives the publish time and the start of the expiry period */
    public FeedPublisher(Clock clock, FeedSigner signer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @SuppressWarnings("try") // the lock only has to be held for the block
    public PublishResult publish(PublishRequest request) throws PublishException {
        Path dir = request.feedDir();
        if (!Files.isDirectory(dir)) {
            throw new PublishException("feed directory " + dir + (Files.exists(dir)
                    ? " is not a directory" : " does not exist"));
        }
        signer.prepare(dir);
        Path feedFile = dir.resolve(FeedRules.FEED_FILE_NAME);
        String fileName = FeedRules.artifactFileName(request.product(), request.version());
        try (PublishLock lock = PublishLock.acquire(dir)) {
            Feed old = readExisting(feedFile, request.product());
            List<MinisignPublicKey> nextKeys = nextKeys(old, request, feedFile);
            try (StagedArtifact artifact = StagedArtifact.stage(request.artifact(), dir, fileName)) {
                FeedRelease existing = old == null ? null : old.release(request.version()).orElse(null);
                if (existing != null && !existing.sameContentAs(artifact.size(), artifact.sha256())) {
                    throw new PublishException(feedFile + ": version " + request.version()
                            + " is already published with different contents (sha256 " + existing.sha256()
                            + ", the artifact has " + artifact.sha256() + "); publish it as a new version");
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                // Same bytes published again: its publish time and the deltas leading to it still hold.
                FeedRelease release = new FeedRelease(request.version(), fileName, artifact.size(),
                        artifact.sha256(), request.notes(), request.critical(), request.minFrom(),
                        request.rollout(), existing != null && existing.published() != null
                                ? existing.published() : now,
                        existing != null ? existing.deltas() : List.of());
                List<FeedRelease> releases = mergedReleases(old, release);
                List<String> dropped = applyKeep(releases, request.keep(), release);
                if (releases.size() > FeedRules.MAX_RELEASES) {
                    throw new PublishException(feedFile + ": would list " + releases.size()
                            + " releases; the limit is " + FeedRules.MAX_RELEASES + " (keep fewer)");
                }
                long serial = old == null ? 1 : old.serial() + 1;
                if (serial > FeedRules.MAX_SERIAL) {
                    throw new PublishException(feedFile + ": serial cannot grow past " + FeedRules.MAX_SERIAL);
                }
                Instant expires = request.expiresIn() == null ? null : now.plus(request.expiresIn());
                Feed feed = new Feed(FeedRules.FORMAT, request.product(), serial, expires, nextKeys, releases);
                byte[] bytes = FeedCodec.serialize(feed);
                if (bytes.length > FeedRules.MAX_FEED_BYTES) {
                    throw new PublishException(feedFile + ": would be " + bytes.length + " bytes; the limit is "
                            + FeedRules.MAX_FEED_BYTES + " (shorten notes or keep fewer releases)");
                }
                String trustedComment = FeedRules.trustedComment(request.product(), serial, now);
                try (StagedFeed staged = StagedFeed.write(feedFile, bytes)) {
                    staged.sign(signer, trustedComment);
                    artifact.commitAs(dir.resolve(fileName));
                    Path signature = staged.commit();
                    return new PublishResult(feedFile, serial, release, existing != null, dropped, signature,
                            trustedComment, nextKeys);
                }
            }
        }
    }

    private static Feed readExisting(Path feedFile, String product) throws PublishException {
        if (!Files.exists(feedFile)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(feedFile);
        } catch (IOException e) {
            throw new PublishException("cannot read " + feedFile + ": " + e.getMessage(), e);
        }
        Feed feed = FeedCodec.parse(bytes, feedFile.toString());
        if (!feed.product().equals(product)) {
            throw new PublishException(feedFile + ": is the feed of product '" + feed.product()
                    + "', not '" + product + "'");
        }
        return feed;
    }

    /** The old releases with {@code release} added or put in place of the same version, newest first. */
    private static List<FeedRelease> mergedReleases(Feed old, FeedRelease release) {
        List<FeedRelease> releases = new ArrayList<>();
        if (old != null) {
            old.releases().stream()
                    .filter(other -> !other.version().equals(release.version()))
                    .forEach(releases::add);
        }
        releases.add(release);
        releases.sort(NEWEST_FIRST);
        return releases;
    }

    /** Cuts {@code releases} (newest first) to {@code keep}; returns the versions cut. */
    private static List<String> applyKeep(List<FeedRelease> releases, Integer keep, FeedRelease published)
            throws PublishException {
        if (keep == null || releases.size() <= keep) {
            return List.of();
        }
        List<FeedRelease> cut = releases.subList(keep, releases.size());
        if (cut.contains(published)) {
            throw new PublishException("keeping only the " + keep + " newest releases would drop "
                    + published.version() + " itself (" + releases.get(0).version() + " is newer)");
        }
        List<String> dropped = cut.stream().map(FeedRelease::version).toList();
        cut.clear();
        return dropped;
    }

    /** The feed's next_keys after this publish: the old ones unless cleared, then the requested ones not yet listed. */
    private static List<MinisignPublicKey> nextKeys(Feed old, PublishRequest request, Path feedFile)
            throws PublishException {
        Set<MinisignPublicKey> keys = new LinkedHashSet<>();
        if (old != null && !request.clearNextKeys()) {
            keys.addAll(old.nextKeys());
        }
        keys.addAll(request.nextKeys());
        if (keys.size() > FeedRules.MAX_NEXT_KEYS) {
            throw new PublishException(feedFile + ": would announce " + keys.size() + " next keys; the limit is "
                    + FeedRules.MAX_NEXT_KEYS + " (clear the old ones)");
        }
        return List.copyOf(keys);
    }
}
