// status, list, check, cancel and poke against a scripted helper: human
// output, --json output and exit statuses.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.testing.JsonTrees.canonical;
import static org.upswap.testing.JsonTrees.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.ProtocolFixture;
import org.upswap.testing.ScriptedHelper;

@Timeout(20)
class HelperCommandsTest {

    private static final String SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

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
    void statusPrintsASummaryAndAnAlignedTable() {
        helper.reply("status", ProtocolFixture.result(3));

        assertThat(cli.run("status")).isZero();

        assertThat(cli.outLines()).containsExactly(
                "upswap-helper 0.1.0: busy with update demo (job 3), 0 queued, up 1h 0m",
                "checks 4, pokes 10 (6 ignored), updates 1, rollbacks 0, errors 0",
                "",
                "NAME  INSTALLED  AVAILABLE         STATE",
                "demo  1.0.0      2.0.0 (17.9 KiB)  downloading",
                "",
                "configuration problems:",
                "  /etc/upswap/targets.d/tool.conf:3: unknown key 'pth' (known: path, source, product, restart,"
                        + " interval, mode, auto_update)");
    }

    @Test
    void statusAsJsonIsTheProtocolsResult() {
        helper.reply("status", ProtocolFixture.result(3));

        assertThat(cli.run("status", "--json")).isZero();

        assertThat(cli.outLines()).hasSize(1);
        assertThat(canonical(parse(cli.out()))).isEqualTo(parse(ProtocolFixture.result(3)));
    }

    @Test
    void listShowsUnknownModifiedAndCriticalVersionsAndLastErrors() {
        helper.reply("list-targets", "{\"targets\":[" + target("demo", "{\"version\":null,\"sha256\":\"" + SHA
                + "\",\"modified\":false}", "null", "null") + ","
                + target("tool", "{\"version\":\"1.2.0\",\"sha256\":\"" + SHA + "\",\"modified\":true}",
                        "{\"version\":\"1.3.0\",\"size\":5242880,\"sha256\":\"" + SHA
                                + "\",\"notes\":\"\",\"critical\":true}",
                        "{\"code\":\"modified\",\"message\":\"/opt/tool was changed outside upswap\"}") + "]}");

        assertThat(cli.run("list")).isZero();

        assertThat(cli.outLines()).containsExactly(
                "NAME  INSTALLED           AVAILABLE                  STATE",
                "demo  unknown (5891b5b5)  -                          idle",
                "tool  1.2.0 (modified)    1.3.0 (5.0 MiB, critical)  idle",
                "tool: last error: modified: /opt/tool was changed outside upswap");
    }

    @Test
    void listAsJsonIsTheProtocolsResult() {
        helper.reply("list-targets", ProtocolFixture.result(4));

        assertThat(cli.run("list", "--json")).isZero();

        assertThat(canonical(parse(cli.out()))).isEqualTo(parse(ProtocolFixture.result(4)));
    }

    @Test
    void aRateLimitedCheckSaysWhenToRetryAndSucceeds() throws Exception {
        helper.reply("check", ProtocolFixture.result(6));

        assertThat(cli.run("check", "demo")).isZero();

        assertThat(cli.out()).contains("try again in 42 s");
        assertThat(helper.awaitRequest("check").get("target").asText()).isEqualTo("demo");
    }

    @Test
    void checkWaitReportsEachTargetAndFailsIfOneFailed() {
        helper.on("check", (request, connection) -> {
            connection.reply(request, "{\"started\":true,\"targets\":[\"demo\",\"tool\"]}");
            connection.send("{\"kind\":\"event\",\"event\":\"checked\",\"target\":\"demo\",\"available\":\"2.0.0\","
                    + "\"serial\":12}");
            connection.send("{\"kind\":\"event\",\"event\":\"error\",\"target\":\"tool\",\"code\":\"source-error\","
                    + "\"message\":\"https://example.org/feed.json: HTTP 404\"}");
        });

        int status = cli.run("check", "--wait");

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.outLines()).containsExactly(
                "checking demo, tool",
                "demo: 2.0.0 available (feed serial 12)",
                "tool: source-error: https://example.org/feed.json: HTTP 404");
        assertThat(helper.requests()).extracting(request -> request.get("kind").asText())
                .containsExactly("hello", "subscribe", "check");
    }

    @Test
    void cancelReportsWhatWasCancelled() {
        helper.reply("cancel", ProtocolFixture.result(11));

        assertThat(cli.run("cancel", "demo")).isZero();
        assertThat(cli.out().strip()).isEqualTo("cancelled job 3");
    }

    @Test
    void cancelWithNothingRunningSaysSo() {
        helper.reply("cancel", "{\"cancelled\":[]}");

        assertThat(cli.run("cancel")).isZero();
        assertThat(cli.out().strip()).isEqualTo("nothing to cancel");
    }

    @Test
    void aRefusalByTheHelperExitsWithOneAndIsPrintedAsJsonToo() {
        helper.refuse("cancel", "busy", "the job queue is full");

        int status = cli.run("cancel", "--json");

        assertThat(status).isEqualTo(ExitCodes.FAILED);
        assertThat(parse(cli.out())).isEqualTo(parse(
                "{\"error\":{\"code\":\"busy\",\"message\":\"the job queue is full\"}}"));
        assertThat(cli.err()).startsWith("upswap: the job queue is full");
    }

    @Test
    void notAuthorizedExitsWithFour() {
        helper.refuse("cancel", "not-authorized", "uid 1000 may not cancel jobs");

        assertThat(cli.run("cancel")).isEqualTo(ExitCodes.NOT_AUTHORIZED);
        assertThat(cli.err()).contains("upswap: uid 1000 may not cancel jobs");
    }

    @Test
    void aHelperThatDoesNotAnswerExitsWithThree() {
        helper.on("status", (request, connection) -> { });

        assertThat(cli.run("status", "--timeout", "200ms")).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(cli.err()).contains("did not answer 'status' within 200 ms");
    }

    @Test
    void pokeSendsADatagramToThePokeSocket() throws Exception {
        Path poke = dir.resolve("poke.sock");
        try (UnixDatagramChannel receiver = UnixDatagramChannel.open()) {
            receiver.bind(new UnixSocketAddress(poke.toFile()));

            int status = cli.run("poke", "--poke-socket", poke.toString(), "--json");

            ByteBuffer received = ByteBuffer.allocate(8);
            receiver.receive(received);
            assertThat(status).isZero();
            assertThat(received.position()).isEqualTo(1);
            assertThat(parse(cli.out()).get("poked").asBoolean()).isTrue();
        }
    }

    @Test
    void pokeWithoutAHelperExitsWithThreeAndNamesThePokeSocket() {
        Path poke = dir.resolve("absent-poke.sock");

        assertThat(cli.run("poke", "--poke-socket", poke.toString())).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(cli.err()).contains("is upswap-helper running? socket " + poke);
    }

    private static String target(String name, String installed, String available, String lastError) {
        return "{\"name\":\"" + name + "\",\"state\":\"idle\",\"path\":\"/opt/" + name + "\",\"source\":\"file:///f\","
                + "\"restart\":\"none\",\"interval\":3600,\"installed\":" + installed + ",\"available\":" + available
                + ",\"previous\":null,\"last_check\":null,\"last_error\":" + lastError + "}";
    }
}
