package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.HelperException;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.Target;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

/**
 * After a swap, the helper finds the real processes still running the
 * replaced binary (and only those), lists them, and applies the target's
 * restart policy: a signal to each, or a systemd try-restart.
 */
class ProcessesIT {
    @TempDir
    Path tmp;
    HelperSandbox sandbox;
    HelperClient client;
    final EventLog events = new EventLog();
    final List<Process> running = new ArrayList<>();
    byte[] v1;
    byte[] v2;

    @AfterEach
    void stop() {
        running.forEach(Process::destroyForcibly);
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path start(String targetConf, String helperConf) throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n" + helperConf);
        v1 = Files.readAllBytes(Path.of("/bin/sleep"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(v1);
        b.write(HelperSandbox.bytes("\nupswap v2\n"));
        v2 = b.toByteArray();
        Path target = sandbox.addTarget("tool", v1, targetConf);
        sandbox.publish("tool", "2.0.0", v2);
        sandbox.start();
        client = HelperClient.connect(sandbox.helperSocket());
        client.addListener(events);
        HelperClient.await(client.subscribe());
        return target;
    }

    private Process run(Path binary) throws Exception {
        Process p = new ProcessBuilder(binary.toString(), "300").start();
        running.add(p);
        return p;
    }

    private UpdatedEvent update() throws Exception {
        long job = HelperClient.await(client.update("tool", null, false)).job();
        return events.await(UpdatedEvent.class, e -> e.job() == job);
    }

    @Test
    void findsExactlyTheProcessesOnTheReplacedBinary() throws Exception {
        Path target = start(null, "");
        Process a = run(target), b = run(target);
        Path other = tmp.resolve("other-sleep");
        Files.write(other, v1);
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process c = run(other);

        UpdatedEvent done = update();
        assertThat(done.processes()).extracting(ProcessInfo::pid).containsExactlyInAnyOrder(a.pid(), b.pid())
                .doesNotContain(c.pid());
        assertThat(done.processes()).allSatisfy(p -> assertThat(p.command()).startsWith(target + " 300"));
        Target t = HelperClient.await(client.listTargets()).targets().get(0);
        assertThat(t.processes()).extracting(ProcessInfo::pid).containsExactlyInAnyOrder(a.pid(), b.pid());

        // The default policy (none) leaves them running, and says how to get them onto 2.0.0.
        assertThat(a.isAlive() && b.isAlive()).isTrue();
        assertThatThrownBy(() -> HelperClient.await(client.restart("tool")))
                .isInstanceOfSatisfying(HelperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_RESTART_POLICY));

        // Once one exits, it is no longer listed.
        a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Target after = HelperClient.await(client.listTargets()).targets().get(0);
        assertThat(after.processes()).extracting(ProcessInfo::pid).containsExactly(b.pid());
    }

    @Test
    void signalPolicyReachesEachOldProcess() throws Exception {
        Path target = start("restart = signal:USR1\n", "");
        Process a = run(target), b = run(target);
        UpdatedEvent done = update();
        assertThat(done.processes()).hasSize(2);
        RestartedEvent restarted = events.await(RestartedEvent.class, e -> e.target().equals("tool"));
        assertThat(restarted.how()).isEqualTo("signal:USR1");
        assertThat(restarted.results()).hasSize(2).allSatisfy(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.message()).isEqualTo("sent SIGUSR1");
        });
        assertThat(a.waitFor(10, TimeUnit.SECONDS) && b.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as("killed by SIGUSR1").isEqualTo(128 + 10);
        assertThat(HelperClient.await(client.listTargets()).targets().get(0).processes()).isEmpty();
        assertThat(sandbox.log()).contains("sent SIGUSR1 to pid " + a.pid());
    }

    @Test
    void systemdPolicyAsksSystemctlToTryRestartTheUnit() throws Exception {
        // No systemd runs here: a stand-in systemctl records how it was called.
        Path calls = tmp.resolve("systemctl.calls");
        Path systemctl = tmp.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$@\" >> " + calls + "\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        start("restart = systemd:demo.service\n", "systemctl = " + systemctl + "\n");
        UpdatedEvent done = update();
        assertThat(done.to()).isEqualTo("2.0.0");
        RestartedEvent restarted = events.await(RestartedEvent.class, e -> e.target().equals("tool"));
        assertThat(restarted.how()).isEqualTo("systemd:demo.service");
        assertThat(restarted.results()).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.pid()).isNull();
        });
        assertThat(Files.readString(calls).trim()).isEqualTo("--no-block try-restart demo.service");
    }

    @Test
    void aProgramThatReexecsByItselfIsNoLongerListedWithoutAsking() throws Exception {
        // The demo program checks for a new binary every second and re-execs.
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\n");
        byte[] d1 = Files.readAllBytes(ZeroDowntimeIT.demo("1.0.0"));
        Path target = sandbox.addTarget("tool", d1, null);
        sandbox.publish("tool", "1.0.0", d1);
        sandbox.publish("tool", "2.0.0", Files.readAllBytes(ZeroDowntimeIT.demo("2.0.0")));
        sandbox.start();
        client = HelperClient.connect(sandbox.helperSocket());
        client.addListener(events);
        HelperClient.await(client.subscribe());
        Process app = new ProcessBuilder(target.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        running.add(app);
        Thread.sleep(300); // past its start-up

        UpdatedEvent done = update();
        assertThat(done.processes()).extracting(ProcessInfo::pid).containsExactly(app.pid());
        // Same pid, new binary: the helper's follow-up scan says so in a state event.
        StateEvent moved = events.await(StateEvent.class,
                e -> e.targetName().equals("tool") && e.target().processes().isEmpty());
        assertThat(moved.target().installed().version()).isEqualTo("2.0.0");
        assertThat(app.isAlive()).isTrue();
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + app.pid() + "/exe"))).isEqualTo(target);
    }

    @Test
    void systemdReloadPolicyAsksSystemctlToReloadTheUnit() throws Exception {
        Path calls = tmp.resolve("systemctl.calls");
        Path systemctl = tmp.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"$@\" >> " + calls + "\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        start("restart = systemd-reload:web.service\n", "systemctl = " + systemctl + "\n");
        update();
        RestartedEvent restarted = events.await(RestartedEvent.class, e -> e.target().equals("tool"));
        assertThat(restarted.how()).isEqualTo("systemd-reload:web.service");
        assertThat(restarted.results()).singleElement()
                .satisfies(r -> assertThat(r.message()).isEqualTo("asked systemd to reload web.service"));
        assertThat(Files.readString(calls).trim()).isEqualTo("--no-block reload web.service");
    }
}
