// `upswap publish` from the command line: output, signing with the real
// minisign, next keys, and the exit status for each kind of bad input.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.testing.JsonTrees.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.publish.MinisignPublicKey;
import org.upswap.testing.MinisignTool;

class PublishCommandTest {

    @TempDir
    Path feedDir;

    @TempDir
    Path work;

    private final CliHarness cli = new CliHarness();
    private Path artifact;

    @BeforeEach
    void writeArtifact() throws Exception {
        artifact = Files.writeString(work.resolve("build"), "binary");
    }

    @Test
    void publishesAndSaysWhatItDid() throws Exception {
        Path notes = Files.writeString(work.resolve("NOTES"), "Faster start-up.\n");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "2.0.0",
                "--artifact", artifact.toString(), "--notes-file", notes.toString(), "--critical",
                "--min-from", "1.0.0", "--rollout", "20", "--expires-in", "30d");

        assertThat(status).isZero();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("binary".getBytes()));
        assertThat(cli.outLines().get(0)).isEqualTo("published demo 2.0.0 (6 B, sha256 " + sha256.substring(0, 8)
                + ") in " + feedDir.resolve("feed.json") + ", serial 1");
        JsonNode release = feed().get("releases").get(0);
        assertThat(release.get("notes").asText()).isEqualTo("Faster start-up.\n");
        assertThat(release.get("critical").asBoolean()).isTrue();
        assertThat(release.get("min_from").asText()).isEqualTo("1.0.0");
        assertThat(release.get("rollout").asInt()).isEqualTo(20);
        assertThat(feed().get("expires").asText()).isEqualTo("2027-01-03T12:00:00Z");
    }

    @Test
    void asJsonItPrintsTheRelease() throws Exception {
        cli.run("publish", "--json", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString());

        JsonNode result = parse(cli.out());
        assertThat(result.get("serial").asLong()).isEqualTo(1);
        assertThat(result.get("url").asText()).isEqualTo("demo-1.0.0");
        assertThat(result.get("size").asLong()).isEqualTo(6);
        assertThat(result.get("sha256").asText()).isEqualTo(feed().get("releases").get(0).get("sha256").asText());
        assertThat(result.get("replaced").asBoolean()).isFalse();
        assertThat(result.get("dropped")).isEmpty();
    }

    @Test
    void aBadVersionIsAUsageError() {
        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "2.0 beta",
                "--artifact", artifact.toString());

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("upswap: version '2.0 beta' is not valid");
        assertThat(feedDir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void aBadProductNameIsAUsageError() {
        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "My App", "--version", "1.0",
                "--artifact", artifact.toString());

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("upswap: product 'My App' is not valid");
    }

    @Test
    void notesFromBothPlacesIsAUsageError() {
        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString(), "--notes", "a", "--notes-file", "b");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("mutually exclusive");
    }

    @Test
    void aMissingArtifactFailsNamingIt() {
        Path missing = work.resolve("nope");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", missing.toString());

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err().strip()).isEqualTo("upswap: artifact " + missing + ": no such file");
    }

    @Test
    void aMissingNotesFileFailsNamingIt() {
        Path missing = work.resolve("NOTES");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString(), "--notes-file", missing.toString());

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err().strip()).isEqualTo("upswap: notes file " + missing + ": no such file");
    }

    @Test
    void republishingAVersionWithOtherBytesFails() throws Exception {
        cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString());
        Path changed = Files.writeString(work.resolve("build2"), "other binary");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", changed.toString());

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err()).contains("version 1.0 is already published with different contents");
        assertThat(feed().get("serial").asLong()).isEqualTo(1);
    }

    @Test
    void withSignKeyTheFeedIsSignedByMinisignFromPath() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");
        cli.env("PATH", "/nonexistent:" + MinisignTool.PROGRAM.getParent());

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--sign-key", keys.secretKey().toString());

        assertThat(status).as(cli.err()).isZero();
        assertThat(cli.outLines()).element(1).isEqualTo("signed: " + feedDir.resolve("feed.json.minisig")
                + " (upswap feed demo serial 1 2026-12-04T12:00:00Z)");
        MinisignTool.Result verified = MinisignTool.verify(keys.publicKey(), feedDir.resolve("feed.json"));
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(MinisignTool.algorithm(feedDir.resolve("feed.json.minisig"))).isEqualTo("ED");
    }

    @Test
    void legacySignatureAndAnExplicitMinisignMakeALegacySignature() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--sign-key", keys.secretKey().toString(),
                "--minisign", MinisignTool.PROGRAM.toString(), "--legacy-signature");

        assertThat(status).as(cli.err()).isZero();
        assertThat(MinisignTool.verify(keys.publicKey(), feedDir.resolve("feed.json")).status()).isZero();
        assertThat(MinisignTool.algorithm(feedDir.resolve("feed.json.minisig"))).isEqualTo("Ed");
    }

    @Test
    void anUnsignedPublishPrintsTheCommandThatSignsIt() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");
        Path feed = feedDir.resolve("feed.json");

        cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString());

        assertThat(cli.outLines()).element(1).isEqualTo(
                "not signed; to sign it, run with your minisign secret key file in place of KEY:");
        String command = cli.outLines().get(2);
        assertThat(command).isEqualTo("  minisign -S -s KEY -m " + feed
                + " -t 'upswap feed demo serial 1 2026-12-04T12:00:00Z'");
        Process sign = new ProcessBuilder("sh", "-c", command.replace(" KEY ", " '" + keys.secretKey() + "' "))
                .redirectErrorStream(true).start();
        assertThat(sign.waitFor()).as(new String(sign.getInputStream().readAllBytes())).isZero();
        MinisignTool.Result verified = MinisignTool.verify(keys.publicKey(), feed);
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Trusted comment: upswap feed demo serial 1 2026-12-04T12:00:00Z");
    }

    @Test
    void anUnsignedPublishRemovesTheSignatureOfTheOldFeed() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");
        cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--sign-key", keys.secretKey().toString(),
                "--minisign", MinisignTool.PROGRAM.toString());
        assertThat(feedDir.resolve("feed.json.minisig")).exists();

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "2.0.0",
                "--artifact", artifact("build2", "binary 2").toString());

        assertThat(status).isZero();
        assertThat(feedDir.resolve("feed.json.minisig")).doesNotExist();
        assertThat(feed().get("serial").asLong()).isEqualTo(2);
    }

    @Test
    void aMissingMinisignSaysHowToInstallItAndLeavesTheSignedFeedAlone() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");
        cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--sign-key", keys.secretKey().toString(),
                "--minisign", MinisignTool.PROGRAM.toString());
        byte[] feedBefore = Files.readAllBytes(feedDir.resolve("feed.json"));
        CliHarness again = new CliHarness();

        int status = again.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo",
                "--version", "2.0.0", "--artifact", artifact("build2", "binary 2").toString(),
                "--sign-key", keys.secretKey().toString(), "--minisign", "/nonexistent");

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).isEqualTo("upswap: minisign not found: /nonexistent does not exist\n"
                + "upswap: install minisign (Debian: apt install minisign), or give its path with --minisign\n");
        assertThat(Files.readAllBytes(feedDir.resolve("feed.json"))).isEqualTo(feedBefore);
        assertThat(MinisignTool.verify(keys.publicKey(), feedDir.resolve("feed.json")).status()).isZero();
        assertThat(feedDir.resolve("demo-2.0.0")).doesNotExist();
    }

    @Test
    void minisignNotInPathIsReportedTheSameWay() {
        cli.env("PATH", "/nonexistent");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString(), "--sign-key", work.resolve("upswap.key").toString());

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err()).startsWith("upswap: minisign not found: no minisign in PATH\n")
                .contains("apt install minisign");
        assertThat(feedDir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void anUnreadableSignKeyIsNamed() {
        Path missing = work.resolve("upswap.key");

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString(), "--sign-key", missing.toString(),
                "--minisign", MinisignTool.PROGRAM.toString());

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err().strip()).isEqualTo("upswap: secret key " + missing + ": no such file");
        assertThat(feedDir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void signingOptionsWithoutASignKeyAreAUsageError() {
        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString(), "--legacy-signature");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("upswap: --minisign and --legacy-signature only apply with --sign-key");
        assertThat(feedDir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void nextKeysComeFromFilesOrBase64AndAreMergedWithoutDuplicates() throws Exception {
        MinisignTool.KeyPair first = MinisignTool.generate(work, "first");
        MinisignTool.KeyPair second = MinisignTool.generate(work, "second");

        cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--next-key", first.publicKey().toString());
        JsonNode afterFirst = feed().get("next_keys");
        CliHarness again = new CliHarness();
        int status = again.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo",
                "--version", "2.0.0", "--artifact", artifact("build2", "binary 2").toString(),
                "--next-key", second.publicKeyLine(), "--next-key", first.publicKeyLine());

        assertThat(status).as(again.err()).isZero();
        assertThat(afterFirst).containsExactly(text(first.publicKeyLine()));
        assertThat(feed().get("next_keys")).containsExactly(text(first.publicKeyLine()), text(second.publicKeyLine()));
        assertThat(again.out()).contains("announces the next keys " + keyId(first) + ", " + keyId(second));
    }

    @Test
    void clearNextKeysDropsTheAnnouncedKeys() throws Exception {
        MinisignTool.KeyPair first = MinisignTool.generate(work, "first");
        MinisignTool.KeyPair second = MinisignTool.generate(work, "second");
        cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--next-key", first.publicKeyLine());

        new CliHarness().run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "2.0.0",
                "--artifact", artifact.toString(), "--clear-next-keys", "--next-key", second.publicKeyLine());
        JsonNode replaced = feed().get("next_keys");
        new CliHarness().run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "3.0.0",
                "--artifact", artifact.toString(), "--clear-next-keys");

        assertThat(replaced).containsExactly(text(second.publicKeyLine()));
        assertThat(feed().has("next_keys")).isFalse();
    }

    @Test
    void anInvalidNextKeyIsAUsageErrorSayingWhatIsWrong() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");
        String truncated = keys.publicKeyLine().substring(0, 52);

        int status = cli.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0",
                "--artifact", artifact.toString(), "--next-key", truncated);
        String truncatedError = cli.err();
        CliHarness secretKey = new CliHarness();
        int secretKeyStatus = secretKey.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo",
                "--version", "1.0", "--artifact", artifact.toString(), "--next-key", keys.secretKey().toString());
        CliHarness missing = new CliHarness();
        int missingStatus = missing.run("publish", "--feed-dir", feedDir.toString(), "--product", "demo",
                "--version", "1.0", "--artifact", artifact.toString(), "--next-key", "new.pub");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(truncatedError).contains("'" + truncated + "' is not a minisign public key: it decodes to 39 bytes;"
                + " a minisign public key has 42");
        assertThat(secretKeyStatus).isEqualTo(ExitCodes.USAGE);
        assertThat(secretKey.err()).contains(keys.secretKey() + " is not a minisign public key file:"
                + " its key line decodes to 158 bytes");
        assertThat(missingStatus).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("'new.pub' is neither a public key file nor a minisign public key");
        assertThat(feedDir.resolve("feed.json")).doesNotExist();
    }

    @Test
    void asJsonItReportsTheSignatureAndTheNextKeys() throws Exception {
        MinisignTool.KeyPair keys = MinisignTool.generate(work, "upswap");

        cli.run("publish", "--json", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--sign-key", keys.secretKey().toString(),
                "--minisign", MinisignTool.PROGRAM.toString(), "--next-key", keys.publicKeyLine());

        JsonNode result = parse(cli.out());
        assertThat(result.get("signature").asText()).isEqualTo(feedDir.resolve("feed.json.minisig").toString());
        assertThat(result.get("trusted_comment").asText()).isEqualTo("upswap feed demo serial 1 2026-12-04T12:00:00Z");
        assertThat(result.has("sign_command")).isFalse();
        assertThat(result.get("next_keys")).containsExactly(text(keys.publicKeyLine()));
    }

    @Test
    void asJsonAnUnsignedPublishGivesTheSignCommandAsWords() throws Exception {
        cli.run("publish", "--json", "--feed-dir", feedDir.toString(), "--product", "demo", "--version", "1.0.0",
                "--artifact", artifact.toString());

        JsonNode result = parse(cli.out());
        assertThat(result.get("signature").isNull()).isTrue();
        List<String> command = new ArrayList<>();
        result.get("sign_command").forEach(word -> command.add(word.asText()));
        assertThat(command).containsExactly("minisign", "-S", "-s", "KEY", "-m",
                feedDir.resolve("feed.json").toString(), "-t", "upswap feed demo serial 1 2026-12-04T12:00:00Z");
        assertThat(result.get("next_keys")).isEmpty();
    }

    private Path artifact(String name, String content) throws Exception {
        return Files.writeString(work.resolve(name), content);
    }

    private static TextNode text(String value) {
        return TextNode.valueOf(value);
    }

    private static String keyId(MinisignTool.KeyPair keys) throws Exception {
        return MinisignPublicKey.read(keys.publicKey()).keyId();
    }

    private JsonNode feed() throws Exception {
        return parse(Files.readString(feedDir.resolve("feed.json")));
    }
}
