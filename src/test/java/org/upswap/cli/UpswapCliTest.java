// The command line itself: help, version, usage errors, socket choice, and
// the exit status when the helper cannot be reached.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.ProtocolFixture;
import org.upswap.testing.ScriptedHelper;

@Timeout(20)
class UpswapCliTest {

    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness();

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        int status = cli.run("--help");

        assertThat(status).isZero();
        assertThat(cli.out()).contains("Usage: upswap", "status", "list", "check", "update", "rollback", "cancel",
                "poke", "watch", "publish", "Exit codes:", "UPSWAP_SOCKET");
        assertThat(cli.out()).containsPattern("(?m)^  3 +upswap-helper cannot be reached");
        assertThat(cli.out()).containsPattern("(?m)^  4 +not authorized");
    }

    @Test
    void subcommandHelpWorksToo() {
        assertThat(cli.run("update", "--help")).isZero();
        assertThat(cli.out()).contains("Usage: upswap update", "--force", "TARGET", "[VERSION]");
    }

    @Test
    void versionShowsTheReleaseAndTheProtocol() {
        assertThat(cli.run("--version")).isZero();
        assertThat(cli.out().strip()).matches("upswap \\d+\\.\\d+\\.\\d+\\S* \\(protocol 1\\)");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(cli.run()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("upswap: a command is required").contains("see 'upswap --help'");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(cli.run("status", "--frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("upswap: Unknown option: '--frobnicate'");
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertThat(cli.run("status", "--timeout", "5")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("'5' is not a duration");
    }

    @Test
    void aBadTargetNameIsAUsageErrorCaughtBeforeConnecting() {
        assertThat(cli.run("update", "../etc", "--socket", dir.resolve("none.sock").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("upswap: '../etc' is not a valid target name");
    }

    @Test
    void anUnreachableHelperExitsWithThreeAndSaysWhere() {
        Path socket = dir.resolve("missing.sock");

        int status = cli.run("status", "--socket", socket.toString());

        assertThat(status).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(cli.err().lines()).containsExactly(
                "upswap: cannot connect to " + socket + ": No such file or directory",
                "upswap: is upswap-helper running? socket " + socket);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void theRootVariableLocatesTheSocketAndGlobalOptionsMayFollowTheCommand() throws Exception {
        Path root = dir.resolve("sandbox");
        Files.createDirectories(root.resolve("run/upswap"));
        try (ScriptedHelper helper = ScriptedHelper.start(root.resolve("run/upswap/helper.sock"))) {
            helper.reply("status", ProtocolFixture.result(3));

            int status = cli.env("UPSWAP_ROOT", root.toString()).run("status", "--json");

            assertThat(status).isZero();
            assertThat(helper.awaitRequest("hello").get("client").asText()).startsWith("upswap-cli ");
        }
    }

    @Test
    void theSocketFlagBeatsTheEnvironment() {
        Path flag = dir.resolve("flag.sock");

        cli.env("UPSWAP_SOCKET", dir.resolve("env.sock").toString()).run("list", "--socket", flag.toString());

        assertThat(cli.err()).contains("socket " + flag);
    }
}
