package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `upswap restart` and what `upswap update` says about running programs,
 * through the real CLI and helper; with polkit on, the rule that anyone may
 * restart their own programs and only the restart action reaches other
 * users'. The programs run the target binary (a copy of sleep) with SIGUSR1
 * ignored, so they survive the policy's signal and stay on the old binary
 * for the next request; the helper's log shows each signal sent.
 */
class RestartIT {
    static final String DENIED = "upswap-deny";

    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    Path jar;
    final List<Process> running = new ArrayList<>();

    record Result(int exit, String out, String err) {
    }

    @AfterEach
    void stop() {
        running.forEach(Process::destroyForcibly);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path start(String restart, boolean polkit) throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n");
        byte[] v1 = Files.readAllBytes(Path.of("/bin/sleep"));
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        v2.write(v1);
        v2.write(HelperSandbox.bytes("\nupswap v2\n"));
        Path target = sandbox.addTarget("tool", v1, "restart = " + restart + "\n");
        sandbox.publish("tool", "1.0.0", v1);
        sandbox.publish("tool", "2.0.0", v2.toByteArray());
        sandbox.start(Map.of(), polkit);
        jar = AuthorizationIT.installCli(sandbox.root().resolve("cli"));
        return target;
    }

    /** The target binary as {@code user} (null: this user), ignoring SIGUSR1. */
    private Process run(Path target, String user) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
        }
        cmd.addAll(List.of("sh", "-c", "trap '' USR1; exec \"$0\" 300", target.toString()));
        Process p = new ProcessBuilder(cmd).start();
        running.add(p);
        // Until the exec happened, the process does not run the target yet.
        for (int i = 0; i < 500; i++) {
            if (ProcessHandle.of(p.pid()).flatMap(h -> h.info().command()).orElse("").equals(target.toString())) {
                return p;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + p.pid() + " never ran " + target);
    }

    private Result upswap(String user, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--root", sandbox.root().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private long signalsLogged(long pid) {
        return sandbox.log().lines().filter(l -> l.contains("sent SIGUSR1 to pid " + pid + " ")).count();
    }

    @Test
    void updateReportsThePolicyAndRestartAppliesItAgain() throws Exception {
        Path target = start("signal:USR1", false);
        Process a = run(target, null);

        Result update = upswap(null, "update", "tool");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.out()).contains("tool: updated 1.0.0 -> 2.0.0")
                .contains("tool: restart policy signal:USR1 applied")
                .contains("pid " + a.pid() + ": sent SIGUSR1");
        assertThat(signalsLogged(a.pid())).isEqualTo(1);

        Result list = upswap(null, "list");
        assertThat(list.out()).contains("tool: still running a replaced copy of the binary: pid " + a.pid());

        Result restart = upswap(null, "restart", "tool");
        assertThat(restart.exit()).as(restart.err()).isZero();
        assertThat(restart.out()).contains("pid " + a.pid() + ": sent SIGUSR1");
        assertThat(signalsLogged(a.pid())).isEqualTo(2);

        a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Result none = upswap(null, "restart", "tool");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("tool: no running program uses a replaced copy of its binary");
    }

    @Test
    void withoutAPolicyUpdateSaysWhatStillRunsAndRestartRefuses() throws Exception {
        Path target = start("none", false);
        Process a = run(target, null);
        Result update = upswap(null, "update", "tool");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.out()).contains("tool: a running program still uses the replaced binary:")
                .contains("pid " + a.pid() + " (uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid") + "): "
                        + target + " 300")
                .contains("upswap restart tool");
        Result restart = upswap(null, "restart", "tool");
        assertThat(restart.exit()).isEqualTo(1);
        assertThat(restart.err()).contains("restart = none");
        assertThat(a.isAlive()).isTrue();
    }

    @Test
    void ownProgramsNeedNoPermissionOtherUsersNeedTheRestartAction() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "running as the test users needs root (CI is root)");
        String missing = PolkitEnvironmentIT.missingPiece();
        if (missing != null) {
            fail(missing + ": " + PolkitEnvironmentIT.SET_UP);
        }
        Path target = start("signal:USR1", true);
        Process mine = run(target, DENIED);
        Process roots = run(target, null);
        assertThat(upswap(null, "update", "tool").exit()).isZero();
        assertThat(signalsLogged(mine.pid())).isEqualTo(1);

        // One of the programs is root's: upswap-deny may not touch it.
        Result refused = upswap(DENIED, "restart", "tool");
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(4);
        assertThat(refused.err()).contains("org.upswap.restart");
        assertThat(signalsLogged(mine.pid())).isEqualTo(1);
        assertThat(signalsLogged(roots.pid())).isEqualTo(1);

        // Only its own left: no permission needed, even for a user denied everything.
        roots.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Result allowed = upswap(DENIED, "restart", "tool");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("pid " + mine.pid() + ": sent SIGUSR1");
        assertThat(signalsLogged(mine.pid())).isEqualTo(2);
    }
}
