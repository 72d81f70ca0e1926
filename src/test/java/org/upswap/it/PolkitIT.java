package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * polkit for real: the helper (as root, polkit on) asks the real polkitd,
 * through pkcheck, about real processes of the test users, running the real
 * upswap CLI. scripts/test-services installs upswap's policy and test rules:
 * upswap-allow is allowed, upswap-deny is denied, and upswap-plain would need
 * to authenticate but has no agent. Each refusal must be clear and must leave
 * the installed binary untouched.
 */
class PolkitIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] V1 = HelperSandbox.bytes("#!/bin/sh\necho one\n");
    static final byte[] V2 = HelperSandbox.bytes("#!/bin/sh\necho two\n");

    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    Path jar;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "running as the test users needs root (CI is root)");
        String missing = PolkitEnvironmentIT.missingPiece();
        if (missing != null) {
            fail(missing + ": " + PolkitEnvironmentIT.SET_UP);
        }
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\nmin_check_interval = 0\n");
        sandbox.addTarget("app", V1, null);
        sandbox.publish("app", "1.0.0", V1);
        sandbox.publish("app", "2.0.0", V2);
        sandbox.start(java.util.Map.of(), true); // polkit, not --no-polkit
        jar = AuthorizationIT.installCli(sandbox.root().resolve("cli"));
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    Result as(String user, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups",
                "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--root", sandbox.root().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    JsonNode permissions(String user) throws Exception {
        Result r = as(user, "--json", "permissions");
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out()).path("actions");
    }

    @Test
    void allowedUserUpdatesAndRollsBack() throws Exception {
        JsonNode actions = permissions("upswap-allow");
        assertThat(actions.path("update").asText()).isEqualTo("yes");
        assertThat(actions.path("check").asText()).isEqualTo("yes");
        assertThat(actions.path("configure").asText()).isEqualTo("auth");

        Result update = as("upswap-allow", "update", "app");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V2);
        Result rollback = as("upswap-allow", "rollback", "app");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V1);
    }

    @Test
    void deniedUserIsRefusedClearly() throws Exception {
        assertThat(permissions("upswap-deny").path("update").asText()).isEqualTo("no");
        Result update = as("upswap-deny", "update", "app");
        assertThat(update.exit()).isEqualTo(4);
        assertThat(update.err()).contains("polkit does not allow org.upswap.update");
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V1);
        // Looking is still allowed.
        assertThat(as("upswap-deny", "check", "--wait").exit()).isZero();
        assertThat(as("upswap-deny", "status").exit()).isZero();
    }

    @Test
    void userWhoMustAuthenticateWithoutAnAgentIsRefusedClearly() throws Exception {
        JsonNode actions = permissions("upswap-plain");
        assertThat(actions.path("update").asText()).as("the UI would show a shield").isEqualTo("auth");
        Result update = as("upswap-plain", "update", "app");
        assertThat(update.exit()).isEqualTo(4);
        assertThat(update.err()).contains("needs authentication").contains("no polkit authentication agent");
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V1);
        assertThat(as("upswap-allow", "update", "app").exit()).isZero();
        Result rollback = as("upswap-plain", "rollback", "app");
        assertThat(rollback.exit()).isEqualTo(4);
        assertThat(rollback.err()).contains("org.upswap.rollback");
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V2);
        assertThat(sandbox.log()).contains("refused update from pid");
    }

    @Test
    void downgradeNeedsItsOwnPermission() throws Exception {
        assertThat(as("upswap-allow", "update", "app").exit()).isZero();
        // upswap-plain may not even update; a downgrade asks for org.upswap.downgrade.
        Result plain = as("upswap-plain", "update", "app", "1.0.0");
        assertThat(plain.exit()).isEqualTo(4);
        assertThat(plain.err()).contains("org.upswap.downgrade");
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V2);
        Result allowed = as("upswap-allow", "update", "app", "1.0.0");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V1);
    }
}
