package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

/**
 * Every attack on the feed, each against the real helper over real HTTP with
 * signatures made by the real minisign tool: the helper must refuse it with
 * a reason that names it, and the installed binary must stay byte-identical.
 */
class SignedFeedIT {
    static final byte[] V1 = HelperSandbox.bytes("#!/bin/sh\necho version one\n");
    static final byte[] V2 = HelperSandbox.bytes("#!/bin/sh\necho version two, better\n");

    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp, V1, "download_retries = 0\n");
        f.publish("1.0.0", V1);
        f.publish("2.0.0", V2);
        f.start();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    /** The check and the update are both refused for `reason`, and nothing changed. */
    private void assertRefused(String reason) throws Exception {
        Object check = f.check();
        assertThat(check).as("check refused").isInstanceOf(ErrorEvent.class);
        ErrorEvent err = (ErrorEvent) check;
        assertThat(err.code()).isEqualTo(ErrorCode.SOURCE_ERROR);
        assertThat(err.message()).contains(reason);
        Object update = f.update("2.0.0");
        assertThat(update).as("update refused").isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) update).message()).contains(reason);
        assertThat(f.installedBytes()).isEqualTo(V1);
    }

    @Test
    void aGenuineFeedIsAcceptedInBothSignatureForms() throws Exception {
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        f.key.sign(f.feedFile(), true); // legacy, non-prehashed
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        assertThat(f.update(null)).isInstanceOf(UpdatedEvent.class);
        assertThat(f.installedBytes()).isEqualTo(V2);
        assertThat(f.sandbox.log()).contains("signed by a trusted key");
    }

    @Test
    void missingSignature() throws Exception {
        Files.delete(f.signatureFile());
        assertRefused("has no signature");
    }

    @Test
    void emptySignature() throws Exception {
        Files.write(f.signatureFile(), new byte[0]);
        assertRefused("the signature is empty");
    }

    @Test
    void truncatedSignature() throws Exception {
        byte[] sig = Files.readAllBytes(f.signatureFile());
        Files.write(f.signatureFile(), java.util.Arrays.copyOf(sig, sig.length / 2));
        assertRefused("signature check failed");
    }

    @Test
    void malformedSignature() throws Exception {
        Files.writeString(f.signatureFile(), "untrusted comment: hi\nnot base64 at all\ntrusted comment: x\n!!!\n");
        assertRefused("not a base64 signature");
    }

    @Test
    void signatureByAnUnknownKey() throws Exception {
        Minisign stranger = Minisign.generate(tmp.resolve("stranger"), "stranger");
        stranger.sign(f.feedFile());
        assertRefused("which is not trusted for this target");
    }

    @Test
    void feedAlteredByOneByteAfterSigning() throws Exception {
        String feed = Files.readString(f.feedFile());
        Files.writeString(f.feedFile(), feed.replace("\"serial\" : 2", "\"serial\" : 3"));
        assertThat(Files.readString(f.feedFile())).isNotEqualTo(feed);
        assertRefused("the signature does not match the data");
    }

    @Test
    void rollbackAttackWithAnOlderSignedFeed() throws Exception {
        Path saved = tmp.resolve("old-feed");
        Files.createDirectories(saved);
        Files.copy(f.feedFile(), saved.resolve("feed.json"));
        Files.copy(f.signatureFile(), saved.resolve("feed.json.minisig"));
        f.publish("2.0.1", V2);            // serial 3 is accepted...
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        // ...then a mirror replays the genuine, signed serial-2 feed.
        Files.copy(saved.resolve("feed.json"), f.feedFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(saved.resolve("feed.json.minisig"), f.signatureFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefused("serial 2 is lower than the last accepted 3");
    }

    @Test
    void expiredFeedIsAFreezeAttack() throws Exception {
        String past = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        f.publish("2.0.2", V2, 9, past);
        assertRefused("expired");
    }

    @Test
    void endlessFeedStopsAtTheLimit() throws Exception {
        f.server.endless("feed.json");
        long t0 = System.nanoTime();
        assertRefused("larger than 1 MiB");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms").isLessThan(30_000);
    }

    @Test
    void artifactWithOtherBytesOfTheSameSize() throws Exception {
        byte[] evil = V2.clone();
        evil[evil.length - 3] ^= 0x20;
        Files.write(f.sandbox.feedDir(RemoteFixture.NAME).resolve("app-2.0.0"), evil);
        Object update = f.update("2.0.0");
        assertThat(update).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) update).code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        assertThat(((ErrorEvent) update).message()).contains("nothing was changed");
        assertThat(f.installedBytes()).isEqualTo(V1);
    }

    @Test
    void artifactLongerOrShorterThanSigned() throws Exception {
        Path artifact = f.sandbox.feedDir(RemoteFixture.NAME).resolve("app-2.0.0");
        Files.write(artifact, (new String(V2, StandardCharsets.UTF_8) + "# and more\n").getBytes(StandardCharsets.UTF_8));
        Object longer = f.update("2.0.0");
        assertThat(((ErrorEvent) longer).code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        Files.write(artifact, java.util.Arrays.copyOf(V2, V2.length - 5));
        Object shorter = f.update("2.0.0");
        assertThat(((ErrorEvent) shorter).code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        assertThat(f.installedBytes()).isEqualTo(V1);
    }

    @Test
    void endlessArtifactStopsAtItsSignedSize() throws Exception {
        f.server.endless("app-2.0.0");
        Object update = f.update("2.0.0");
        assertThat(update).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) update).code()).isEqualTo(ErrorCode.VERIFY_FAILED);
        assertThat(((ErrorEvent) update).message()).contains("more than the " + V2.length + " bytes");
        assertThat(f.installedBytes()).isEqualTo(V1);
    }

    @Test
    void redirectToALocalFileIsNotFollowed() throws Exception {
        f.server.redirect("feed.json", "file:///etc/passwd");
        Object check = f.check();
        assertThat(check).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) check).message()).contains("fetching the feed");
        assertThat(f.installedBytes()).isEqualTo(V1);
    }

    @Test
    void olderVersionsAreNeverOfferedAndOnlyGivenOnRequest() throws Exception {
        assertThat(f.update("2.0.0")).isInstanceOf(UpdatedEvent.class);
        Object check = f.check();
        assertThat(((CheckedEvent) check).available()).as("nothing newer than 2.0.0").isNull();
        Object nothing = f.update(null);
        assertThat(((ErrorEvent) nothing).code()).isEqualTo(ErrorCode.UP_TO_DATE);
        assertThat(f.installedBytes()).isEqualTo(V2);
        // Asked for explicitly by root (who holds the downgrade permission): allowed.
        assertThat(f.update("1.0.0")).isInstanceOf(UpdatedEvent.class);
        assertThat(f.installedBytes()).isEqualTo(V1);
    }

    @Test
    void phasedRolloutOffersAReleaseOnlyToItsShareOfMachines() throws Exception {
        byte[] v3 = HelperSandbox.bytes("#!/bin/sh\necho three\n");
        f.sandbox.publish(RemoteFixture.NAME, "3.0.0", v3);
        var feed = f.sandbox.readFeed(RemoteFixture.NAME);
        var releases = feed.withArray("releases");
        ((com.fasterxml.jackson.databind.node.ObjectNode) releases.get(releases.size() - 1)).put("rollout", 0);
        f.sandbox.writeFeed(RemoteFixture.NAME, feed);
        f.key.sign(f.feedFile());
        assertThat(((CheckedEvent) f.check()).available()).as("3.0.0 at 0%% is offered to nobody").isEqualTo("2.0.0");
        // Asked for by name, it is still installable.
        assertThat(f.update("3.0.0")).isInstanceOf(UpdatedEvent.class);
        assertThat(f.installedBytes()).isEqualTo(v3);
        assertThat(f.update("1.0.0")).isInstanceOf(UpdatedEvent.class);
        ((com.fasterxml.jackson.databind.node.ObjectNode) releases.get(releases.size() - 1)).put("rollout", 100);
        feed.put("serial", feed.path("serial").asLong() + 1);
        f.sandbox.writeFeed(RemoteFixture.NAME, feed);
        f.key.sign(f.feedFile());
        assertThat(((CheckedEvent) f.check()).available()).isEqualTo("3.0.0");
    }

    @Test
    void keyRotationAnnouncedByTheOldKey() throws Exception {
        Minisign next = Minisign.generate(tmp.resolve("next"), "next");
        var feed = f.sandbox.readFeed(RemoteFixture.NAME);
        feed.put("serial", 10);
        feed.putArray("next_keys").add(next.publicKey());
        f.sandbox.writeFeed(RemoteFixture.NAME, feed);
        f.key.sign(f.feedFile());                 // signed by the old, trusted key
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        feed.put("serial", 11);
        feed.remove("next_keys");
        f.sandbox.writeFeed(RemoteFixture.NAME, feed);
        next.sign(f.feedFile());                  // from now on signed by the new key
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        assertThat(f.sandbox.log()).contains("announces a new signing key");
        // A key nobody announced is still refused.
        Minisign stranger = Minisign.generate(tmp.resolve("stranger"), "stranger");
        feed.put("serial", 12);
        f.sandbox.writeFeed(RemoteFixture.NAME, feed);
        stranger.sign(f.feedFile());
        assertRefused("not trusted");
        // The admin withdraws the old key: what it vouched for goes with it.
        next.sign(f.feedFile());
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        Path conf = f.sandbox.root().resolve("etc/upswap/targets.d/app.conf");
        Files.writeString(conf, Files.readString(conf).replace(f.key.publicKey(), stranger.publicKey()));
        f.sandbox.signal("HUP");
        f.events.await(ErrorEvent.class, e -> "app".equals(e.target()) && e.message().contains("not trusted"));
        assertThat(f.installedBytes()).isEqualTo(V1);
    }
}
