// Publishing into a real temporary feed directory.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPublisherTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    @TempDir
    Path work;

    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aFirstPublishCreatesTheFeedWithSerialOne() throws Exception {
        Path artifact = artifact("demo-build", "version one");

        PublishResult result = publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact).notes("First."));

        JsonNode feed = readFeed();
        assertThat(result.serial()).isEqualTo(1);
        assertThat(result.replaced()).isFalse();
        assertThat(feed.get("format").asInt()).isEqualTo(1);
        assertThat(feed.get("product").asText()).isEqualTo("demo");
        assertThat(feed.get("serial").asLong()).isEqualTo(1);
        assertThat(feed.has("expires")).isFalse();
        JsonNode release = feed.get("releases").get(0);
        assertThat(release.get("version").asText()).isEqualTo("1.0.0");
        assertThat(release.get("url").asText()).isEqualTo("demo-1.0.0");
        assertThat(release.get("size").asLong()).isEqualTo(Files.size(artifact));
        assertThat(release.get("sha256").asText()).isEqualTo(sha256(artifact));
        assertThat(release.get("notes").asText()).isEqualTo("First.");
        assertThat(release.get("critical").asBoolean()).isFalse();
        assertThat(release.get("rollout").asInt()).isEqualTo(100);
        assertThat(release.get("published").asText()).isEqualTo("2026-12-04T12:00:00Z");
        assertThat(dir.resolve("demo-1.0.0")).hasSameBinaryContentAs(artifact);
    }

    @Test
    void theFileWrittenIsTheDocumentedLayout() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "x")).minFrom("0.9.0").rollout(25)
                .critical(true).expiresIn(Duration.ofDays(30)));

        String text = Files.readString(dir.resolve("feed.json"));
        assertThat(text).startsWith("{\n  \"format\": 1,\n  \"product\": \"demo\",\n  \"serial\": 1,\n"
                + "  \"expires\": \"2027-01-03T12:00:00Z\",\n  \"releases\": [\n    {\n      \"version\": \"1.0.0\",");
        assertThat(text).contains("\"min_from\": \"0.9.0\"", "\"rollout\": 25", "\"critical\": true");
        assertThat(text).endsWith("}\n");
    }

    @Test
    void eachPublishRaisesTheSerialAndListsNewestFirst() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "one")));
        publish(PublishRequest.builder(dir, "demo", "1.10.0", artifact("b", "one-ten")));
        PublishResult third = publish(PublishRequest.builder(dir, "demo", "1.9.0", artifact("c", "one-nine")));

        assertThat(third.serial()).isEqualTo(3);
        assertThat(versions()).containsExactly("1.10.0", "1.9.0", "1.0.0");
    }

    @Test
    void republishingTheSameBytesUpdatesTheEntryAndKeepsItsPublishTime() throws Exception {
        Path artifact = artifact("a", "one");
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact).notes("old"));
        clock = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);

        PublishResult again = publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact).notes("new").rollout(50));

        JsonNode release = readFeed().get("releases").get(0);
        assertThat(again.replaced()).isTrue();
        assertThat(again.serial()).isEqualTo(2);
        assertThat(readFeed().get("releases")).hasSize(1);
        assertThat(release.get("notes").asText()).isEqualTo("new");
        assertThat(release.get("rollout").asInt()).isEqualTo(50);
        assertThat(release.get("published").asText()).isEqualTo("2026-12-04T12:00:00Z");
    }

    @Test
    void aPublishedVersionIsNeverGivenOtherBytes() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "one")));
        byte[] before = Files.readAllBytes(dir.resolve("feed.json"));

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("b", "tampered"))))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("feed.json")
                .hasMessageContaining("version 1.0.0 is already published with different contents");
        assertThat(Files.readAllBytes(dir.resolve("feed.json"))).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("demo-1.0.0"))).isEqualTo("one");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aDifferentFileAlreadyCarryingTheArtifactNameIsNotOverwritten() throws Exception {
        Files.writeString(dir.resolve("demo-2.0.0"), "someone else's file");

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("a", "two"))))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("demo-2.0.0 already exists with different contents");
        assertThat(Files.readString(dir.resolve("demo-2.0.0"))).isEqualTo("someone else's file");
        assertThat(dir.resolve("feed.json")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aMissingArtifactIsNamedAndNothingIsWritten() {
        Path missing = work.resolve("no-such-build");

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "1.0.0", missing)))
                .isInstanceOf(PublishException.class)
                .hasMessage("artifact " + missing + ": no such file");
        assertThat(dir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void aMissingFeedDirectoryIsNamed() {
        Path absent = dir.resolve("absent");

        assertThatThrownBy(() -> publish(PublishRequest.builder(absent, "demo", "1.0.0", artifact("a", "x"))))
                .isInstanceOf(PublishException.class)
                .hasMessage("feed directory " + absent + " does not exist");
    }

    @Test
    void badNamesAndValuesAreRefusedWithTheFieldNamed() {
        Path artifact = work.resolve("whatever");

        assertThatThrownBy(() -> PublishRequest.builder(dir, "demo", "2.0 beta", artifact).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("version '2.0 beta'");
        assertThatThrownBy(() -> PublishRequest.builder(dir, "Demo", "1.0.0", artifact).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("product 'Demo'");
        assertThatThrownBy(() -> PublishRequest.builder(dir, "demo", "1.0.0", artifact).rollout(101).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rollout");
        assertThatThrownBy(() -> PublishRequest.builder(dir, "demo", "1.0.0", artifact).notes("é".repeat(2049)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes");
        assertThatThrownBy(() -> PublishRequest.builder(dir, "demo", "1.0.0", artifact).minFrom("2.0.0").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-from 2.0.0");
        assertThatThrownBy(() -> PublishRequest.builder(dir, "demo", "1.0.0", artifact).keep(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep");
        assertThatThrownBy(() -> PublishRequest.builder(dir, "p".repeat(64), "1".repeat(64), artifact).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 128 characters");
    }

    @Test
    void keepDropsTheOldestFromTheFeedButLeavesTheirFiles() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")));
        publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("b", "2")));

        PublishResult result = publish(PublishRequest.builder(dir, "demo", "3.0.0", artifact("c", "3")).keep(2));

        assertThat(result.dropped()).containsExactly("1.0.0");
        assertThat(versions()).containsExactly("3.0.0", "2.0.0");
        assertThat(dir.resolve("demo-1.0.0")).exists();
    }

    @Test
    void keepMayNotDropTheReleaseBeingPublished() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("a", "2")));

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "1.5.0", artifact("b", "1.5")).keep(1)))
                .isInstanceOf(PublishException.class).hasMessageContaining("would drop 1.5.0 itself");
        assertThat(versions()).containsExactly("2.0.0");
    }

    @Test
    void aFeedOfAnotherProductIsNotTouched() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")));

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "other", "1.0.0", artifact("b", "1"))))
                .isInstanceOf(PublishException.class).hasMessageContaining("product 'demo', not 'other'");
    }

    @Test
    void aBrokenExistingFeedIsReportedWithFileAndField() throws Exception {
        Files.writeString(dir.resolve("feed.json"), "{\"format\":1,\"product\":\"demo\",\"serial\":\"3\",\"releases\":[]}");

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1"))))
                .isInstanceOf(PublishException.class)
                .hasMessageStartingWith(dir.resolve("feed.json") + ": serial: expected an integer");
    }

    @Test
    void aTildeVersionGetsAnArtifactNameTheFeedAllows() throws Exception {
        PublishResult result = publish(PublishRequest.builder(dir, "demo", "2.0.0~rc1", artifact("a", "rc")));

        assertThat(result.release().url()).isEqualTo("demo-2.0.0_rc1");
        assertThat(dir.resolve("demo-2.0.0_rc1")).exists();
        assertThat(FeedRules.isArtifactUrl(result.release().url())).isTrue();
    }

    @Test
    void theSignerSeesExactlyTheBytesWritten() throws Exception {
        byte[][] signed = new byte[1][];
        FeedPublisher publisher = new FeedPublisher(clock, (file, bytes) -> signed[0] = bytes);

        publisher.publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")).build());

        assertThat(signed[0]).isEqualTo(Files.readAllBytes(dir.resolve("feed.json")));
    }

    private PublishResult publish(PublishRequest.Builder request) throws PublishException {
        return new FeedPublisher(clock, FeedSigner.UNSIGNED).publish(request.build());
    }

    private Path artifact(String name, String content) {
        try {
            return Files.writeString(work.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode readFeed() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("feed.json").toFile());
    }

    private List<String> versions() throws IOException {
        List<String> versions = new ArrayList<>();
        readFeed().get("releases").forEach(release -> versions.add(release.get("version").asText()));
        return versions;
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
