package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged `upswap` CLI (target/upswap.jar, as scripts/upswap runs it)
 * against the real helper, end to end: `upswap publish` writes the feed the
 * C helper then parses, and check, list, update, rollback and their exit
 * codes behave as documented.
 */
class CliIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    Path jar;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n");
        sandbox.addTarget("app", HelperSandbox.bytes("#!/bin/sh\necho one\n"), null);
        jar = Path.of(System.getProperty("upswap.basedir", "."), "target", "upswap.jar");
        sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    Result upswap(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    Result publish(String version, String content) throws Exception {
        Path artifact = tmp.resolve("build-" + version);
        Files.writeString(artifact, content);
        return upswap("publish", "--feed-dir", sandbox.feedDir("app").toString(), "--product", "app",
                "--version", version, "--artifact", artifact.toString(), "--notes", "Release " + version);
    }

    @Test
    void publishCheckUpdateRollbackThroughTheCli() throws Exception {
        String root = sandbox.root().toString();
        assertThat(publish("1.0.0", "#!/bin/sh\necho one\n").exit()).isZero();
        Result pub = publish("2.0.0", "#!/bin/sh\necho two\n");
        assertThat(pub.exit()).as(pub.err()).isZero();
        assertThat(pub.out()).contains("serial 2");

        Result check = upswap("--root", root, "check", "--wait");
        assertThat(check.exit()).as(check.err()).isZero();
        Result list = upswap("--root", root, "--json", "list");
        assertThat(list.exit()).isZero();
        JsonNode target = JSON.readTree(list.out()).path("targets").get(0);
        assertThat(target.path("installed").path("version").asText()).isEqualTo("1.0.0");
        assertThat(target.path("available").path("version").asText()).isEqualTo("2.0.0");
        assertThat(target.path("available").path("notes").asText()).isEqualTo("Release 2.0.0");

        Result update = upswap("--root", root, "update", "app");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.out()).contains("updated 1.0.0 -> 2.0.0");
        assertThat(Files.readString(sandbox.targetPath("app"))).contains("echo two");

        Result again = upswap("--root", root, "update", "app");
        assertThat(again.exit()).as("already up to date is success").isZero();

        Result rollback = upswap("--root", root, "rollback", "app");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(Files.readString(sandbox.targetPath("app"))).contains("echo one");

        Result status = upswap("--root", root, "status");
        assertThat(status.out()).contains("updates 1").contains("rollbacks 1");
    }

    @Test
    void failuresHaveTheirExitCodes() throws Exception {
        Result unknown = upswap("--root", sandbox.root().toString(), "update", "ghost");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("ghost");

        Result unreachable = upswap("--root", tmp.resolve("nothing-here").toString(), "status");
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).contains("upswap-helper");

        Result usage = upswap("--root", sandbox.root().toString(), "update");
        assertThat(usage.exit()).isEqualTo(2);
    }
}
