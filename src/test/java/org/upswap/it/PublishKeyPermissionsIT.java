package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `upswap publish --sign-key` with a secret key the publishing user cannot
 * read: a clear error and nothing published. Root can read any file, so as
 * root (CI) the packaged CLI runs as nobody; otherwise as this user.
 */
class PublishKeyPermissionsIT {
    @TempDir
    Path tmp;

    @Test
    void anUnreadableSecretKeyIsRefusedAndNothingIsPublished() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Minisign keys = Minisign.generate(tmp.resolve("keys"), "publisher");
        Files.setPosixFilePermissions(tmp.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path locked = tmp.resolve("keys/publisher.key");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Path feedDir = Files.createDirectories(tmp.resolve("feed"));
        Path artifact = tmp.resolve("app");
        Files.writeString(artifact, "#!/bin/sh\necho hi\n");
        Path jar = AuthorizationIT.installCli(tmp.resolve("cli"));
        if (root) {
            new ProcessBuilder("chown", "-R", "65534:65534", feedDir.toString()).start().waitFor();
        }

        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "publish", "--feed-dir", feedDir.toString(), "--product", "app", "--version", "1.0.0",
                "--artifact", artifact.toString(), "--sign-key", locked.toString()));
        Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(err).isNotZero();
        assertThat(err).contains("secret key " + locked + ": permission denied");
        assertThat(feedDir.resolve("feed.json")).doesNotExist();
        assertThat(feedDir.resolve("feed.json.minisig")).doesNotExist();
        assertThat(keys.publicKey()).startsWith("RW");
    }
}
