// Publishing signed feeds with the real minisign, checked with the real
// `minisign -V` as an administrator (or the helper) would check them.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.MinisignTool;

class MinisignSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @TempDir
    Path work;

    /** Deriving a key from a password takes seconds, so one encrypted key serves every test. */
    @TempDir
    static Path sharedKeys;

    private static MinisignTool.KeyPair encrypted;

    private MinisignTool.KeyPair keys;
    private final StringWriter minisignOutput = new StringWriter();

    @BeforeAll
    static void makeEncryptedKey() {
        encrypted = MinisignTool.generate(sharedKeys, "encrypted", "correct horse");
    }

    @BeforeEach
    void makeKeys() {
        keys = MinisignTool.generate(work, "upswap");
    }

    @Test
    void aSignedFeedVerifiesWithMinisignAndCarriesItsTrustedComment() throws Exception {
        PublishResult result = publish(signer(keys.secretKey(), false), "1.0.0");

        MinisignTool.Result verified = MinisignTool.verify(keys.publicKey(), dir.resolve("feed.json"));
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Trusted comment: upswap feed demo serial 1 2026-12-04T12:00:00Z");
        assertThat(result.signatureFile()).isEqualTo(dir.resolve("feed.json.minisig"));
        assertThat(MinisignTool.algorithm(dir.resolve("feed.json.minisig"))).isEqualTo("ED");
        assertThat(Files.getPosixFilePermissions(dir.resolve("feed.json.minisig")))
                .contains(PosixFilePermission.OTHERS_READ);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aLegacySignatureVerifiesToo() throws Exception {
        publish(signer(keys.secretKey(), true), "1.0.0");

        MinisignTool.Result verified = MinisignTool.verify(keys.publicKey(), dir.resolve("feed.json"));
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Trusted comment: upswap feed demo serial 1");
        assertThat(MinisignTool.algorithm(dir.resolve("feed.json.minisig"))).isEqualTo("Ed");
    }

    @Test
    void aFeedChangedByOneByteNoLongerVerifies() throws Exception {
        publish(signer(keys.secretKey(), false), "1.0.0");
        Path feed = dir.resolve("feed.json");
        byte[] bytes = Files.readAllBytes(feed);
        int serial = new String(bytes, StandardCharsets.UTF_8).indexOf("\"serial\": 1") + "\"serial\": ".length();
        bytes[serial] = '9';
        Files.write(feed, bytes);

        MinisignTool.Result verified = MinisignTool.verify(keys.publicKey(), feed);

        assertThat(verified.status()).isNotZero();
        assertThat(verified.output()).contains("Signature verification failed");
    }

    @Test
    void eachPublishSignsTheNewFeed() throws Exception {
        publish(signer(keys.secretKey(), false), "1.0.0");
        publish(signer(keys.secretKey(), false), "2.0.0");

        MinisignTool.Result verified = MinisignTool.verify(keys.publicKey(), dir.resolve("feed.json"));
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("upswap feed demo serial 2 ");
    }

    @Test
    void aSignatureByAnotherKeyDoesNotVerify() throws Exception {
        MinisignTool.KeyPair other = MinisignTool.generate(work, "other");

        publish(signer(other.secretKey(), false), "1.0.0");

        assertThat(MinisignTool.verify(keys.publicKey(), dir.resolve("feed.json")).status()).isNotZero();
    }

    @Test
    void thePasswordOfAnEncryptedKeyIsReadFromTheGivenInput() throws Exception {
        Path password = MinisignTool.write(work.resolve("password"), "correct horse\n");

        publish(MinisignSigner.create(minisign(Redirect.from(password.toFile())), encrypted.secretKey(), false),
                "1.0.0");

        assertThat(MinisignTool.verify(encrypted.publicKey(), dir.resolve("feed.json")).status()).isZero();
        assertThat(minisignOutput.toString()).contains("Password:");
    }

    @Test
    void aWrongPasswordFailsWithMinisignsWordsAndChangesNothing() throws Exception {
        publish(signer(keys.secretKey(), false), "1.0.0");
        byte[] feedBefore = Files.readAllBytes(dir.resolve("feed.json"));
        byte[] signatureBefore = Files.readAllBytes(dir.resolve("feed.json.minisig"));
        Path password = MinisignTool.write(work.resolve("password"), "battery staple\n");
        FeedSigner signer = MinisignSigner.create(minisign(Redirect.from(password.toFile())),
                encrypted.secretKey(), false);

        assertThatThrownBy(() -> publish(signer, "2.0.0"))
                .isInstanceOf(PublishException.class)
                .hasMessageStartingWith("cannot sign " + dir.resolve("feed.json") + ": " + MinisignTool.PROGRAM
                        + " exited with status ")
                .hasMessageEndingWith(": Wrong password for that key");
        assertThat(Files.readAllBytes(dir.resolve("feed.json"))).isEqualTo(feedBefore);
        assertThat(Files.readAllBytes(dir.resolve("feed.json.minisig"))).isEqualTo(signatureBefore);
        assertThat(MinisignTool.verify(keys.publicKey(), dir.resolve("feed.json")).status()).isZero();
        assertThat(dir.resolve("demo-2.0.0")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aFailingMinisignLeavesTheSignedFeedAsItWas() throws Exception {
        publish(signer(keys.secretKey(), false), "1.0.0");
        byte[] feedBefore = Files.readAllBytes(dir.resolve("feed.json"));
        Path broken = script("broken-minisign", "#!/bin/sh\necho 'partial' > \"$7\"\necho 'out of cheese' >&2\n"
                + "exit 3\n");
        Minisign program = Minisign.find(broken.toString(), null, Redirect.PIPE, minisignOutput);

        assertThatThrownBy(() -> publish(MinisignSigner.create(program, keys.secretKey(), false), "2.0.0"))
                .isInstanceOf(PublishException.class)
                .hasMessageEndingWith(broken + " exited with status 3: out of cheese");
        assertThat(Files.readAllBytes(dir.resolve("feed.json"))).isEqualTo(feedBefore);
        assertThat(MinisignTool.verify(keys.publicKey(), dir.resolve("feed.json")).status()).isZero();
        assertThat(minisignOutput.toString()).contains("out of cheese");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void minisignIsFoundInPathOrNamedClearlyWhenMissing() throws Exception {
        assertThat(Minisign.find("minisign", "/nonexistent:" + MinisignTool.PROGRAM.getParent(), Redirect.PIPE,
                Writer.nullWriter()).executable()).isEqualTo(MinisignTool.PROGRAM);
        assertThatThrownBy(() -> Minisign.find("minisign", "/nonexistent", Redirect.PIPE, Writer.nullWriter()))
                .isInstanceOf(MinisignNotFoundException.class)
                .hasMessage("minisign not found: no minisign in PATH");
        assertThatThrownBy(() -> Minisign.find("/nonexistent/minisign", null, Redirect.PIPE, Writer.nullWriter()))
                .isInstanceOf(MinisignNotFoundException.class)
                .hasMessage("minisign not found: /nonexistent/minisign does not exist");
        Path notExecutable = Files.writeString(work.resolve("minisign"), "");
        assertThatThrownBy(() -> Minisign.find(notExecutable.toString(), null, Redirect.PIPE, Writer.nullWriter()))
                .isInstanceOf(MinisignNotFoundException.class)
                .hasMessageEndingWith("is not an executable file");
    }

    @Test
    void aSecretKeyThatCannotBeUsedIsRefusedBeforeAnythingIsWritten() {
        Path missing = work.resolve("missing.key");

        assertThatThrownBy(() -> signer(missing, false))
                .isInstanceOf(PublishException.class).hasMessage("secret key " + missing + ": no such file");
        assertThatThrownBy(() -> signer(keys.publicKey(), false))
                .isInstanceOf(PublishException.class)
                .hasMessage(keys.publicKey() + " is a minisign public key; signing needs the secret key");
        assertThatThrownBy(() -> signer(work, false))
                .isInstanceOf(PublishException.class).hasMessage("secret key " + work + ": not a regular file");
    }

    @Test
    void aSecretKeyInsideTheFeedDirectoryIsRefusedAndNothingIsPublished() throws Exception {
        Path exposed = Files.copy(keys.secretKey(), dir.resolve("upswap.key"));

        assertThatThrownBy(() -> publish(signer(exposed, false), "1.0.0"))
                .isInstanceOf(PublishException.class)
                .hasMessageStartingWith("secret key " + exposed + " is inside the feed directory " + dir);
        assertThat(dir.resolve("feed.json")).doesNotExist();
        assertThat(dir.resolve("demo-1.0.0")).doesNotExist();
    }

    @Test
    void aSymbolicLinkToTheSecretKeyInsideTheFeedDirectoryIsRefusedToo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("upswap.key"), keys.secretKey());

        assertThatThrownBy(() -> publish(signer(link, false), "1.0.0"))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("is inside the feed directory");
        assertThat(dir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void theArgumentsAreMinisignsSignCommand() {
        assertThat(MinisignSigner.arguments(Path.of("k.key"), Path.of("/srv/feed.json"), Path.of("/srv/sig"),
                "upswap feed demo serial 1 2026-12-04T12:00:00Z", true))
                .containsExactly("-S", "-l", "-s", "k.key", "-m", "/srv/feed.json", "-x", "/srv/sig",
                        "-t", "upswap feed demo serial 1 2026-12-04T12:00:00Z");
        assertThat(MinisignSigner.arguments(Path.of("k.key"), Path.of("feed.json"), null, "c", false))
                .containsExactly("-S", "-s", "k.key", "-m", "feed.json", "-t", "c");
    }

    private MinisignSigner signer(Path secretKey, boolean legacy) throws PublishException {
        return MinisignSigner.create(minisign(Redirect.PIPE), secretKey, legacy);
    }

    private Minisign minisign(Redirect input) throws MinisignNotFoundException {
        return Minisign.find(MinisignTool.PROGRAM.toString(), null, input, minisignOutput);
    }

    private PublishResult publish(FeedSigner signer, String version) throws Exception {
        Path artifact = Files.writeString(work.resolve("build-" + version), "binary " + version);
        return new FeedPublisher(CLOCK, signer).publish(PublishRequest.builder(dir, "demo", version, artifact).build());
    }

    private Path script(String name, String text) throws IOException {
        Path file = Files.writeString(work.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
