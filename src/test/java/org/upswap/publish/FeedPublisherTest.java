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
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPublisherTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String KEY = "RWQJcmqmJOdsQNV0ua/uQN7DzdG5DQVqeKdLEYIlf/kwJc8KNkuFZEMe";
    private static final String OTHER_KEY = "RWQRM+AbG6nGWy46jM/dqDDc4CxvigR2YdPrWGHpcUWlyO312EgbczqO";

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
    void theSignerSignsExactlyTheBytesThatArePublishedAndItsSignatureLandsNextToThem() throws Exception {
        byte[][] seen = new byte[1][];
        String[] comment = new String[1];
        FeedSigner signer = (feedFile, trustedComment, signatureFile) -> {
            seen[0] = readBytes(feedFile);
            comment[0] = trustedComment;
            write(signatureFile, "signature of " + sha256Of(seen[0]));
            return true;
        };

        PublishResult result = new FeedPublisher(clock, signer)
                .publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")).build());

        byte[] published = Files.readAllBytes(dir.resolve("feed.json"));
        assertThat(seen[0]).isEqualTo(published);
        assertThat(comment[0]).isEqualTo("upswap feed demo serial 1 2026-12-04T12:00:00Z");
        assertThat(result.signatureFile()).isEqualTo(dir.resolve("feed.json.minisig"));
        assertThat(result.trustedComment()).isEqualTo(comment[0]);
        assertThat(Files.readString(dir.resolve("feed.json.minisig"))).isEqualTo("signature of " + sha256Of(published));
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void whenSigningFailsNothingChangesAndTheOldSignatureStillMatchesTheOldFeed() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")));
        Files.writeString(dir.resolve("feed.json.minisig"), "signature of serial 1");
        byte[] feedBefore = Files.readAllBytes(dir.resolve("feed.json"));
        FeedSigner failing = (feedFile, trustedComment, signatureFile) -> {
            write(signatureFile, "half a signa");
            throw new PublishException("minisign exited with status 2: Wrong password for that key");
        };

        assertThatThrownBy(() -> new FeedPublisher(clock, failing)
                .publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("b", "2")).build()))
                .isInstanceOf(PublishException.class)
                .hasMessage("cannot sign " + dir.resolve("feed.json")
                        + ": minisign exited with status 2: Wrong password for that key");
        assertThat(Files.readAllBytes(dir.resolve("feed.json"))).isEqualTo(feedBefore);
        assertThat(Files.readString(dir.resolve("feed.json.minisig"))).isEqualTo("signature of serial 1");
        assertThat(dir.resolve("demo-2.0.0")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void anEmptySignatureIsRefused() throws Exception {
        FeedSigner silent = (feedFile, trustedComment, signatureFile) -> true;

        assertThatThrownBy(() -> new FeedPublisher(clock, silent)
                .publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")).build()))
                .isInstanceOf(PublishException.class).hasMessageContaining("produced an empty signature");
        assertThat(dir.resolve("feed.json")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void publishingUnsignedRemovesAStaleSignature() throws Exception {
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")));
        Files.writeString(dir.resolve("feed.json.minisig"), "signature of serial 1");

        PublishResult result = publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("b", "2")));

        assertThat(result.signed()).isFalse();
        assertThat(result.trustedComment()).isEqualTo("upswap feed demo serial 2 2026-12-04T12:00:00Z");
        assertThat(dir.resolve("feed.json.minisig")).doesNotExist();
        assertThat(versions()).containsExactly("2.0.0", "1.0.0");
    }

    @Test
    void theSignerCanRefuseBeforeAnythingIsStaged() throws Exception {
        FeedSigner unprepared = new FeedSigner() {
            @Override
            public void prepare(Path feedDir) throws PublishException {
                throw new PublishException("no key for " + feedDir);
            }

            @Override
            public boolean sign(Path feedFile, String trustedComment, Path signatureFile) {
                throw new AssertionError("sign must not be reached");
            }
        };

        assertThatThrownBy(() -> new FeedPublisher(clock, unprepared)
                .publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")).build()))
                .isInstanceOf(PublishException.class).hasMessage("no key for " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void nextKeysAreAddedOnceKeptAcrossPublishesAndCleared() throws Exception {
        MinisignPublicKey first = new MinisignPublicKey(KEY);
        MinisignPublicKey second = new MinisignPublicKey(OTHER_KEY);

        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")).nextKeys(List.of(first)));
        PublishResult merged = publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("b", "2"))
                .nextKeys(List.of(second, first)));
        List<String> afterMerge = nextKeysInFile();
        PublishResult kept = publish(PublishRequest.builder(dir, "demo", "3.0.0", artifact("c", "3")));
        List<String> afterKeep = nextKeysInFile();
        PublishResult replaced = publish(PublishRequest.builder(dir, "demo", "4.0.0", artifact("d", "4"))
                .clearNextKeys(true).nextKeys(List.of(second)));
        List<String> afterReplace = nextKeysInFile();
        publish(PublishRequest.builder(dir, "demo", "5.0.0", artifact("e", "5")).clearNextKeys(true));

        assertThat(merged.nextKeys()).containsExactly(first, second);
        assertThat(afterMerge).containsExactly(KEY, OTHER_KEY);
        assertThat(kept.nextKeys()).containsExactly(first, second);
        assertThat(afterKeep).containsExactly(KEY, OTHER_KEY);
        assertThat(replaced.nextKeys()).containsExactly(second);
        assertThat(afterReplace).containsExactly(OTHER_KEY);
        assertThat(readFeed().has("next_keys")).isFalse();
    }

    @Test
    void moreThanEightNextKeysAreRefused() throws Exception {
        List<MinisignPublicKey> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(keyWithId(i));
        }
        publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1")).nextKeys(eight));
        byte[] before = Files.readAllBytes(dir.resolve("feed.json"));

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact("b", "2"))
                .nextKeys(List.of(keyWithId(8)))))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("would announce 9 next keys; the limit is 8");
        assertThat(Files.readAllBytes(dir.resolve("feed.json"))).isEqualTo(before);
        assertThat(PublishRequest.builder(dir, "demo", "1.0.0", work.resolve("x")).nextKeys(eight).build().nextKeys())
                .hasSize(8);
    }

    @Test
    void deltasListedInTheFeedSurviveARewrite() throws Exception {
        Path artifact = artifact("a", "two");
        String delta = "{\"from\": \"1.0.0\", \"url\": \"demo-1.0.0-2.0.0.bsdiff\", \"size\": 12, "
                + "\"sha256\": \"" + "b".repeat(64) + "\", \"format\": \"bsdiff4\"}";
        Files.writeString(dir.resolve("feed.json"), "{\"format\": 1, \"product\": \"demo\", \"serial\": 4, "
                + "\"releases\": [{\"version\": \"2.0.0\", \"url\": \"demo-2.0.0\", \"size\": 3, "
                + "\"sha256\": \"" + sha256(artifact) + "\", \"deltas\": [" + delta + "]}]}");
        Files.copy(artifact, dir.resolve("demo-2.0.0"));
        FeedDelta expected = new FeedDelta("1.0.0", "demo-1.0.0-2.0.0.bsdiff", 12, "b".repeat(64), "bsdiff4");

        publish(PublishRequest.builder(dir, "demo", "3.0.0", artifact("b", "three")));
        List<FeedDelta> afterNewRelease = readParsedFeed().release("2.0.0").orElseThrow().deltas();
        PublishResult again = publish(PublishRequest.builder(dir, "demo", "2.0.0", artifact).notes("Now with notes."));

        assertThat(afterNewRelease).containsExactly(expected);
        assertThat(again.replaced()).isTrue();
        assertThat(again.release().deltas()).containsExactly(expected);
        assertThat(readParsedFeed().release("2.0.0").orElseThrow().deltas()).containsExactly(expected);
        assertThat(readParsedFeed().release("3.0.0").orElseThrow().deltas()).isEmpty();
    }

    @Test
    void aFeedWithAFieldThePublisherDoesNotKnowIsNotRewritten() throws Exception {
        Files.writeString(dir.resolve("feed.json"), "{\"format\": 1, \"product\": \"demo\", \"serial\": 4, "
                + "\"mirrors\": [], \"releases\": []}");

        assertThatThrownBy(() -> publish(PublishRequest.builder(dir, "demo", "1.0.0", artifact("a", "1"))))
                .isInstanceOf(PublishException.class).hasMessageContaining("mirrors: unknown field");
        assertThat(Files.readString(dir.resolve("feed.json"))).contains("mirrors");
    }

    private PublishResult publish(PublishRequest.Builder request) throws PublishException {
        return new FeedPublisher(clock, FeedSigner.UNSIGNED).publish(request.build());
    }

    /** A syntactically valid public key whose id bytes hold {@code n}. */
    private static MinisignPublicKey keyWithId(int n) {
        byte[] bytes = new byte[42];
        bytes[0] = 'E';
        bytes[1] = 'd';
        bytes[2] = (byte) n;
        return new MinisignPublicKey(Base64.getEncoder().encodeToString(bytes));
    }

    private List<String> nextKeysInFile() throws IOException {
        List<String> keys = new ArrayList<>();
        readFeed().path("next_keys").forEach(key -> keys.add(key.asText()));
        return keys;
    }

    private Feed readParsedFeed() throws IOException, PublishException {
        return FeedCodec.parse(Files.readAllBytes(dir.resolve("feed.json")), "feed.json");
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
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
