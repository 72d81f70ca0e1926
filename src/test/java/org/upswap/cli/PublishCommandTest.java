// `upswap publish` from the command line: output, and the exit status for
// each kind of bad input.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.testing.JsonTrees.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(cli.out().strip()).isEqualTo("published demo 2.0.0 (6 B, sha256 " + sha256.substring(0, 8)
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

    private JsonNode feed() throws Exception {
        return parse(Files.readString(feedDir.resolve("feed.json")));
    }
}
