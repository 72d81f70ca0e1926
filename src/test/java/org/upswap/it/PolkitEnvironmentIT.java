package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The machine gives the helper what its polkit authorization relies on: a
 * system bus, a polkitd that knows upswap's actions and the test rules, and
 * the test users, so that the real pkcheck, asked about a real process of
 * each user exactly as the helper will ask (PID,START_TIME,UID), answers
 * 0 (authorized), 1 (not authorized) or 2 (needs authentication).
 *
 * <p>scripts/test-services sets all of this up. As root (CI) a missing piece
 * fails the test, so a broken environment never passes as skipped;
 * elsewhere the test is skipped, since only root can start processes as
 * other users.
 */
class PolkitEnvironmentIT {
    static final Path SYSTEM_BUS = Path.of("/run/dbus/system_bus_socket");
    static final Path PKCHECK = Path.of("/usr/bin/pkcheck");
    static final Path INSTALLED_RULES = Path.of("/etc/polkit-1/rules.d/49-upswap-test.rules");
    static final List<String> TEST_USERS = List.of("upswap-allow", "upswap-deny", "upswap-plain");
    static final String SET_UP = "run scripts/test-services (as root) first";

    /** A process running as one of the test users, as polkit will be asked about it. */
    record Subject(Process process, String polkitForm) {
    }

    /** What a command said, and its exit status. */
    record Result(int exit, String stdout, String stderr) {
    }

    static final Map<String, Subject> SUBJECTS = new HashMap<>();

    @BeforeAll
    static void requireEnvironment() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "starting processes as the test users needs root (CI runs as root)");
        String missing = missingPiece();
        if (missing != null) {
            fail(missing + ": " + SET_UP);
        }
        for (String user : TEST_USERS) {
            SUBJECTS.put(user, startAs(user));
        }
    }

    @AfterAll
    static void stopSubjects() {
        SUBJECTS.values().forEach(s -> s.process().destroyForcibly());
        SUBJECTS.clear();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "upswap-allow, org.upswap.update,    0",
        "upswap-deny,  org.upswap.update,    1",
        "upswap-plain, org.upswap.update,    2",
        "upswap-allow, org.upswap.check,     0",
        "upswap-deny,  org.upswap.check,     0",
        "upswap-plain, org.upswap.check,     0",
        "upswap-allow, org.upswap.rollback,  0",
        "upswap-deny,  org.upswap.rollback,  1",
        "upswap-plain, org.upswap.rollback,  2",
        "upswap-allow, org.upswap.downgrade, 0",
        "upswap-plain, org.upswap.downgrade, 2",
        "upswap-allow, org.upswap.configure, 2",
        "upswap-deny,  org.upswap.configure, 1",
    })
    void pkcheckAnswersPerUserAndAction(String user, String action, int expected) throws Exception {
        Result a = pkcheck(action, SUBJECTS.get(user).polkitForm());
        assertThat(a.exit()).as("pkcheck %s for %s: %s", action, user, a.stderr()).isEqualTo(expected);
    }

    @Test
    void withoutAnAgentInteractionStillMeansNeedsAuthentication() throws Exception {
        Result a = pkcheck("org.upswap.update", SUBJECTS.get("upswap-plain").polkitForm(),
                "--allow-user-interaction");
        assertThat(a.exit()).as(a.stderr()).isEqualTo(2);
    }

    @Test
    void rootIsAuthorizedForEverything() throws Exception {
        String self = subjectOf(ProcessHandle.current().pid());
        for (String action : List.of("org.upswap.update", "org.upswap.rollback", "org.upswap.configure")) {
            assertThat(pkcheck(action, self).exit()).as(action).isZero();
        }
    }

    @Test
    void aRecycledPidIsNotTakenForTheOriginalProcess() throws Exception {
        // The helper names a peer by pid and start time so that a pid reused
        // by another process after the request is refused, not authorized.
        String[] allowed = SUBJECTS.get("upswap-allow").polkitForm().split(",");
        long otherStart = Long.parseLong(allowed[1]) + 1;
        Result a = pkcheck("org.upswap.update", allowed[0] + "," + otherStart + "," + allowed[2]);
        assertThat(a.exit()).as(a.stderr()).isNotZero();
    }

    /** What scripts/test-services would have set up and is not there, or null. */
    static String missingPiece() throws Exception {
        if (!Files.isExecutable(PKCHECK)) {
            return PKCHECK + " is not installed";
        }
        try (SocketChannel bus = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            bus.connect(UnixDomainSocketAddress.of(SYSTEM_BUS));
        } catch (IOException e) {
            return "no system D-Bus answers at " + SYSTEM_BUS + " (" + e.getMessage() + ")";
        }
        Result action = run("pkaction", "--action-id", "org.upswap.update");
        if (action.exit() != 0) {
            return "polkitd does not answer or does not know org.upswap.update (pkaction: "
                    + action.stderr().strip() + ")";
        }
        byte[] rules;
        try (InputStream in = PolkitEnvironmentIT.class.getResourceAsStream("/polkit/49-upswap-test.rules")) {
            rules = in.readAllBytes();
        }
        if (!Files.exists(INSTALLED_RULES) || !Arrays.equals(Files.readAllBytes(INSTALLED_RULES), rules)) {
            return INSTALLED_RULES + " is missing or differs from src/test/resources/polkit/49-upswap-test.rules";
        }
        for (String user : TEST_USERS) {
            if (run("id", "-u", user).exit() != 0) {
                return "test user " + user + " does not exist";
            }
        }
        return null;
    }

    /** Starts {@code sleep} as {@code user} and waits until it really runs as that user. */
    static Subject startAs(String user) throws Exception {
        String gid = run("id", "-g", user).stdout().strip();
        Process p = new ProcessBuilder("setpriv", "--reuid=" + user, "--regid=" + gid, "--init-groups", "--",
                "sleep", "60").redirectErrorStream(true).start();
        Path comm = Path.of("/proc", Long.toString(p.pid()), "comm");
        // Until setpriv has exec'd sleep the process is still root's, and
        // polkit would answer for root.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!readOrEmpty(comm).strip().equals("sleep")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("could not start a process as " + user + ": "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Thread.sleep(5);
        }
        return new Subject(p, subjectOf(p.pid()));
    }

    /**
     * PID,START_TIME,UID as pkcheck takes it: the start time is field 22 of
     * /proc/PID/stat, counted after the command name, which may itself hold
     * spaces and parentheses; the uid is the effective one (the kernel's
     * SO_PEERCRED reports that).
     */
    static String subjectOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        String startTime = afterName[22 - 3];
        String uid = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[2])
                .findFirst().orElseThrow();
        return pid + "," + startTime + "," + uid;
    }

    static Result pkcheck(String action, String subject, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PKCHECK.toString(), "--action-id", action, "--process", subject));
        cmd.addAll(List.of(extra));
        return run(cmd.toArray(String[]::new));
    }

    static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 10 s");
        }
        return new Result(p.exitValue(), out, err);
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
