package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real unprivileged peer (uid nobody, via setpriv) runs the real upswap
 * CLI against the real helper: it may look and poke, its checks are
 * rate-limited, and update and rollback are refused with exit status 4
 * while the installed binary stays as it was. The helper judges the
 * kernel's SO_PEERCRED, so only a genuinely different uid can test this;
 * dropping privileges needs root, which CI has.
 */
class AuthorizationIT {
    static final String NOBODY = "65534";

    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    Path jar;
    byte[] v1 = HelperSandbox.bytes("#!/bin/sh\necho one\n");

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dropping to another uid needs root (CI is root)");
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\nmin_check_interval = 10m\n");
        sandbox.addTarget("app", v1, null);
        sandbox.publish("app", "1.0.0", v1);
        sandbox.publish("app", "2.0.0", HelperSandbox.bytes("#!/bin/sh\necho two\n"));
        sandbox.start();
        jar = installCli(sandbox.root().resolve("cli"));
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The packaged CLI, copied where nobody can read it (the build tree may be private). */
    static Path installCli(Path dir) throws IOException {
        Path built = Path.of(System.getProperty("upswap.basedir", "."), "target");
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(built.resolve("upswap.jar"), dir.resolve("upswap.jar"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> libs = Files.list(built.resolve("lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, dir.resolve("lib").resolve(lib.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve("upswap.jar");
    }

    Result asNobody(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--root", sandbox.root().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void unprivilegedUserMayLookAndPokeButNotSwap() throws Exception {
        Result status = asNobody("--json", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(new ObjectMapper().readTree(status.out()).path("targets").size()).isEqualTo(1);

        Result first = asNobody("--json", "check");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(new ObjectMapper().readTree(first.out()).path("started").asBoolean()).isTrue();
        Result second = asNobody("--json", "check");
        JsonNode limited = new ObjectMapper().readTree(second.out());
        assertThat(limited.path("started").asBoolean()).as("rate-limited").isFalse();
        assertThat(limited.path("retry_after").asInt()).isBetween(1, 600);

        assertThat(asNobody("poke").exit()).isZero();

        Result update = asNobody("update", "app");
        assertThat(update.exit()).isEqualTo(4);
        assertThat(update.err()).contains("uid " + NOBODY + " may not update");
        Result nothingToRollBackTo = asNobody("rollback", "app");
        assertThat(nothingToRollBackTo.exit()).as("no previous version yet: said plainly").isEqualTo(1);
        assertThat(nothingToRollBackTo.err()).contains("no previous version");

        // Once root has updated, there is something to roll back to, and nobody still may not.
        try (org.upswap.client.HelperClient root = org.upswap.client.HelperClient.connect(sandbox.helperSocket())) {
            EventLog events = new EventLog();
            root.addListener(events);
            org.upswap.client.HelperClient.await(root.subscribe());
            long job = org.upswap.client.HelperClient.await(root.update("app", null, false)).job();
            events.await(org.upswap.client.model.UpdatedEvent.class, e -> e.job() == job);
        }
        byte[] v2 = Files.readAllBytes(sandbox.targetPath("app"));
        assertThat(v2).isNotEqualTo(v1);
        Result rollback = asNobody("rollback", "app");
        assertThat(rollback.exit()).isEqualTo(4);
        assertThat(rollback.err()).contains("may not rollback");
        Result cancel = asNobody("cancel");
        assertThat(cancel.exit()).isEqualTo(4);

        assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(v2);
        assertThat(sandbox.log()).contains("refused update from pid").contains("uid " + NOBODY);
    }
}
