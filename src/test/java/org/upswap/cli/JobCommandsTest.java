// update and rollback: subscribe first, start the job, follow its events to
// the end, and cancel it on Ctrl-C.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.testing.JsonTrees.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.ProtocolFixture;
import org.upswap.testing.ScriptedHelper;

@Timeout(20)
class JobCommandsTest {

    private static final String OTHER_JOB_DONE = "{\"kind\":\"event\",\"event\":\"updated\",\"target\":\"tool\","
            + "\"job\":9,\"from\":\"1.0\",\"to\":\"1.1\",\"sha256\":\"aa\",\"rollback\":false,\"restarting\":false}";

    /** The fixture's updated event, minus the programs left on the old binary. */
    private static final String UPDATED = ProtocolFixture.event("updated")
            .replaceFirst("\"processes\":\\[[^\\]]*\\]", "\"processes\":[]")
            .replace("\"restarting\":true", "\"restarting\":false");

    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness();
    private ScriptedHelper helper;

    @BeforeEach
    void startHelper() throws IOException {
        helper = ScriptedHelper.start(dir.resolve("helper.sock"));
        cli.env("UPSWAP_SOCKET", helper.socket().toString());
    }

    @AfterEach
    void stopHelper() throws IOException {
        helper.close();
    }

    @Test
    void updateFollowsItsJobToTheEndAndIgnoresOthers() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(OTHER_JOB_DONE);
            connection.send(progress(0));
            connection.send(progress(1048576));
            connection.send(progress(4194304));
            connection.send(UPDATED);
        });

        int status = cli.run("update", "demo");

        assertThat(status).isZero();
        assertThat(cli.outLines()).containsExactly(
                "demo: download 0% (0 B of 4.0 MiB, 50.0 MiB/s, ETA 0:01)",
                "demo: download 25% (1.0 MiB of 4.0 MiB, 50.0 MiB/s, ETA 0:01)",
                "demo: download 100% (4.0 MiB of 4.0 MiB, 50.0 MiB/s, ETA 0:00)",
                "demo: updated 1.0.0 -> 2.0.0 (job 3)");
        assertThat(helper.requests()).extracting(request -> request.get("kind").asText())
                .containsExactly("hello", "subscribe", "update");
    }

    @Test
    void versionAndForceAreSent() throws Exception {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(UPDATED);
        });

        assertThat(cli.run("update", "demo", "2.0.0", "--force")).isZero();

        JsonNode update = helper.awaitRequest("update");
        assertThat(update.get("version").asText()).isEqualTo("2.0.0");
        assertThat(update.get("force").asBoolean()).isTrue();
    }

    @Test
    void onATerminalProgressIsOneBarRedrawnInPlace() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(progress(2097152));
            connection.send(UPDATED);
        });

        assertThat(cli.interactive().run("update", "demo")).isZero();

        assertThat(cli.out()).contains("\r\033[Kdemo download [##########..........] 50% 2.0 MiB/4.0 MiB 50.0 MiB/s");
        assertThat(cli.out()).endsWith("\r\033[Kdemo: updated 1.0.0 -> 2.0.0 (job 3)\n");
    }

    @Test
    void updateAsJsonPrintsTheJobThenItsEventsAsLines() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(progress(1048576));
            connection.send(UPDATED);
        });

        assertThat(cli.run("update", "demo", "--json")).isZero();

        List<JsonNode> lines = cli.outLines().stream().map(line -> parse(line)).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(parse("{\"job\":3}"));
        assertThat(lines.get(1).get("event").asText()).isEqualTo("progress");
        assertThat(lines.get(2)).isEqualTo(parse(UPDATED));
    }

    @Test
    void afterTheSwapTheRestartPoliciesReportIsShown() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(ProtocolFixture.event("updated"));
            connection.send(ProtocolFixture.event("restarted"));
        });

        assertThat(cli.run("update", "demo")).isEqualTo(ExitCodes.OK);
        assertThat(cli.outLines()).containsExactly(
                "demo: updated 1.0.0 -> 2.0.0 (job 3)",
                "demo: restart policy signal:HUP applied, not everywhere:",
                "  pid 4242: sent SIGHUP",
                "  pid 4243: process 4243 is not the one that was running the old binary (pid reused); left alone");
        assertThat(helper.requests()).extracting(request -> request.get("kind").asText())
                .containsExactly("hello", "subscribe", "update");
    }

    @Test
    void withoutARestartPolicyTheProgramsLeftOnTheOldBinaryAreNamed() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(ProtocolFixture.event("updated").replace("\"restarting\":true", "\"restarting\":false"));
        });

        assertThat(cli.run("update", "demo")).isEqualTo(ExitCodes.OK);
        List<String> lines = cli.outLines();
        assertThat(lines.get(0)).isEqualTo("demo: updated 1.0.0 -> 2.0.0 (job 3)");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("4242").contains("/opt/demo/bin/demo --serve 8080"));
        assertThat(lines.get(lines.size() - 1)).contains("upswap restart demo");
    }

    @Test
    void alreadyUpToDateIsSuccess() {
        helper.refuse("update", "up-to-date", "demo 2.0.0 is the newest offered");

        assertThat(cli.run("update", "demo")).isZero();
        assertThat(cli.out().strip()).isEqualTo("demo is already up to date");
    }

    @Test
    void aJobThatFindsNothingToDoIsSuccessToo() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send("{\"kind\":\"event\",\"event\":\"error\",\"target\":\"demo\",\"job\":3,"
                    + "\"code\":\"up-to-date\",\"message\":\"demo 2.0.0 is installed\"}");
        });

        assertThat(cli.run("update", "demo")).isZero();
        assertThat(cli.out().strip()).isEqualTo("demo is already up to date");
    }

    @Test
    void aFailedJobExitsWithOneAndShowsTheHelpersMessage() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(ProtocolFixture.event("error"));
        });

        assertThat(cli.run("update", "demo")).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err()).startsWith("upswap: artifact demo-2.0.0: sha256 0f00");
    }

    @Test
    void aModifiedBinaryIsRefusedWithAHintAboutForce() {
        helper.refuse("update", "modified", "/opt/demo/bin/demo was changed outside upswap");

        assertThat(cli.run("update", "demo")).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.err().lines()).containsExactly(
                "upswap: /opt/demo/bin/demo was changed outside upswap",
                "upswap: pass --force to replace it anyway");
    }

    @Test
    void notAuthorizedExitsWithFour() {
        helper.refuse("rollback", "not-authorized", "rolling back demo needs authentication");

        assertThat(cli.run("rollback", "demo")).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(cli.err()).startsWith("upswap: rolling back demo needs authentication");
    }

    @Test
    void rollbackReportsTheVersionsSwapped() {
        helper.on("rollback", (request, connection) -> {
            connection.reply(request, "{\"job\":4}");
            connection.send("{\"kind\":\"event\",\"event\":\"updated\",\"target\":\"demo\",\"job\":4,"
                    + "\"from\":\"2.0.0\",\"to\":\"1.0.0\",\"sha256\":\"aa\",\"rollback\":true,\"restarting\":false}");
        });

        assertThat(cli.run("rollback", "demo")).isZero();
        assertThat(cli.out().strip()).isEqualTo("demo: rolled back 2.0.0 -> 1.0.0 (job 4)");
    }

    @Test
    void aRollbackToAnUnknownVersionIsReportedAsSuch() {
        helper.on("rollback", (request, connection) -> {
            connection.reply(request, "{\"job\":4}");
            connection.send("{\"kind\":\"event\",\"event\":\"updated\",\"target\":\"demo\",\"job\":4,"
                    + "\"from\":\"2.0.0\",\"to\":null,\"sha256\":\"aa\",\"rollback\":true,\"restarting\":false}");
        });

        assertThat(cli.run("rollback", "demo")).isZero();
        assertThat(cli.out().strip()).isEqualTo("demo: rolled back 2.0.0 -> (unknown) (job 4)");
    }

    @Test
    void losingTheHelperDuringAJobExitsWithThree() {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.close();
        });

        assertThat(cli.run("update", "demo")).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(cli.err().lines()).containsExactly(
                "upswap: lost the connection to upswap-helper during job 3 on demo: upswap-helper closed the connection",
                "upswap: the job may still finish; 'upswap status' shows how it went");
    }

    @Test
    void ctrlCCancelsTheJobOfTheTarget() throws Exception {
        helper.reply("update", "{\"job\":3}");
        helper.on("cancel", (request, connection) -> {
            connection.reply(request, "{\"cancelled\":[3]}");
            connection.send("{\"kind\":\"event\",\"event\":\"error\",\"target\":\"demo\",\"job\":3,"
                    + "\"code\":\"cancelled\",\"message\":\"job 3 (update demo) was cancelled\"}");
        });
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> cli.run("update", "demo"));
        helper.awaitRequest("update");

        cli.interrupt();

        assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(ExitCodes.FAILED);
        assertThat(helper.awaitRequest("cancel").get("target").asText()).isEqualTo("demo");
        assertThat(cli.err()).contains("upswap: cancelling the job on demo...",
                "upswap: job 3 (update demo) was cancelled");
        assertThat(cli.listensForInterrupt()).isFalse();
    }

    private static String progress(long done) {
        return "{\"kind\":\"event\",\"event\":\"progress\",\"target\":\"demo\",\"job\":3,\"phase\":\"download\","
                + "\"done\":" + done + ",\"total\":4194304,\"rate\":52428800}";
    }
}
