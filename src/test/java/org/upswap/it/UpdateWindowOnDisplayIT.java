package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import org.upswap.app.PostponeLength;
import org.upswap.client.HelperClient;
import org.upswap.client.model.Target;

/**
 * The update window on a real X display (Xvfb, GTK glass) rather than
 * Monocle: real fonts, real window decorations, real keyboard focus. It
 * lists programs in the states people meet (a critical update, programs
 * whose old binary still runs, one up to date), restarts the processes
 * still running a replaced binary, stores the settings, and
 * leaves a screenshot in target/screenshots/ for people to look at.
 *
 * Runs in its own failsafe execution with DISPLAY set (see pom.xml);
 * scripts/run-tests starts the display.
 */
class UpdateWindowOnDisplayIT {
    @TempDir
    static Path tmp;
    static HelperSandbox sandbox;
    static Process serverProcess;
    static Process workerProcess;
    DesktopWindow ui;

    @BeforeAll
    static void displayAndHelper() throws Exception {
        // -Dit.test=... selects this class in every execution; only the display one runs it.
        assumeTrue(Boolean.getBoolean("upswap.display.tests"), "runs in the integration-test-display execution");
        assertThat(System.getenv("DISPLAY")).as("these tests need an X display, e.g. Xvfb :87").isNotBlank();
        DesktopWindow.startToolkit();

        sandbox = HelperSandbox.create(Files.createDirectories(tmp.resolve("sandbox")));
        sandbox.writeHelperConf("check_on_start = yes\n");
        byte[] v1 = Files.readAllBytes(Path.of("/bin/sleep"));
        byte[] v2 = appended(v1, "\nupswap display test 2.4.1\n");
        // No restart policy: its users restart it themselves.
        Path server = sandbox.addTarget("mediaserver", v1, "restart = none\n");
        sandbox.publish("mediaserver", "2.4.0", v1);
        sandbox.publish("mediaserver", "2.4.1", v2);
        // Restarted with SIGHUP, which this one ignores: it is still on the old binary after the update.
        Path worker = sandbox.addTarget("worker", v1, "restart = signal:HUP\n");
        sandbox.publish("worker", "0.9.0", v1);
        sandbox.publish("worker", "1.0.0", v2);

        sandbox.addTarget("backup-agent", HelperSandbox.bytes("agent 1"), null);
        sandbox.publish("backup-agent", "3.0.2", HelperSandbox.bytes("agent 1"));
        sandbox.publish("backup-agent", "3.1.0", CrashRecoveryIT.random(7 * 1024 * 1024 + 333_000, 5));
        markCritical("backup-agent", "3.1.0", "Fixes a flaw that let other users read backup archives.\n"
                + "Restores now resume after a lost connection.");

        sandbox.addTarget("toolbox", HelperSandbox.bytes("toolbox 1.8"), null);
        sandbox.publish("toolbox", "1.8.0", HelperSandbox.bytes("toolbox 1.8"));
        sandbox.start();

        serverProcess = new ProcessBuilder(server.toString(), "600").start();
        // An ignored signal stays ignored across exec.
        workerProcess = new ProcessBuilder("sh", "-c", "trap '' HUP; exec \"$0\" 600", worker.toString()).start();
        try (var client = HelperClient.connect(sandbox.helperSocket())) {
            HelperClient.await(client.update("mediaserver", "2.4.1", false));
            HelperClient.await(client.update("worker", "1.0.0", false));
            awaitStaleProcesses(client, "mediaserver", serverProcess.pid());
            awaitStaleProcesses(client, "worker", workerProcess.pid());
        }
    }

    private static void awaitStaleProcesses(HelperClient client, String name, long pid) throws Exception {
        Target t = null;
        for (int i = 0; i < 1000; i++) {
            t = HelperClient.await(client.listTargets()).targets().stream()
                    .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            if (t.processes().stream().anyMatch(p -> p.pid() == pid)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never listed pid " + pid + ": " + t + "\n" + sandbox.log());
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process p : new Process[] {serverProcess, workerProcess}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void showsEveryProgramAndRestartsTheProcessesStillOnTheOldBinary() throws Exception {
        ui = new DesktopWindow(sandbox.helperSocket(), DesktopWindow.settingsFile(tmp));
        ui.await("the checked programs", () -> ui.text("summary").equals("One update available"));
        assertThat(ui.text("name")).as("the update is selected first").isEqualTo("backup-agent");
        assertThat(ui.visible("badge")).isTrue();
        assertThat(ui.text("available")).isEqualTo("3.1.0 (7.3 MiB)");
        assertThat(ui.text("notes")).startsWith("Fixes a flaw");
        screenshot("window.png");

        DesktopWindow.onFx(() -> {
            ui.window.showTarget("mediaserver");
            return null;
        });
        ui.await("mediaserver's details", () -> ui.text("name").equals("mediaserver"));
        assertThat(ui.text("installed")).isEqualTo("2.4.1");
        assertThat(ui.text("previous")).isEqualTo("2.4.0");
        @SuppressWarnings("unchecked")
        TableView<Object> processes = ui.node("processes", TableView.class);
        ui.await("the process on the old binary", () -> processes.getItems().size() == 1);
        assertThat(processes.getItems().get(0).toString()).contains(Long.toString(serverProcess.pid()));
        assertThat(ui.text("processesSummary")).contains("Restart it yourself");
        assertThat(ui.visible("restart")).as("no restart policy, nothing to press").isFalse();
        screenshot("window-processes.png");

        DesktopWindow.onFx(() -> {
            ui.window.showTarget("worker");
            return null;
        });
        ui.await("worker's details", () -> ui.text("name").equals("worker"));
        ui.await("the process on the old binary", () -> processes.getItems().size() == 1);
        ui.click("restart");
        ui.await("the restart notice", () -> ui.text("noticeText").equals("Restarted worker (one process)."));
        assertThat(workerProcess.isAlive()).as("it ignores SIGHUP, as it was told to").isTrue();
    }

    @Test
    void theSettingsAreStoredFromTheKeyboard() throws Exception {
        ui = new DesktopWindow(sandbox.helperSocket(), DesktopWindow.settingsFile(tmp));
        ui.await("the connected window", () -> ui.pressable("settings"));
        ui.click("settings");
        ui.await("the settings dialog", () -> ui.visible("notifications"));
        assertThat(ui.robot.lookup(".interval").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText)
                .contains("mediaserver: every 1 day", "backup-agent: every 1 day", "toolbox: every 1 day");
        CheckBox notifications = ui.node("notifications", CheckBox.class);
        assertThat(notifications.isSelected()).isTrue();

        ui.robot.clickOn(notifications);
        ui.robot.clickOn("#metered-download");
        @SuppressWarnings("unchecked")
        ComboBox<PostponeLength> postpone = ui.node("postpone", ComboBox.class);
        DesktopWindow.onFx(() -> {
            postpone.getSelectionModel().select(PostponeLength.ONE_DAY);
            return null;
        });
        // Enter presses the default button, Save.
        ui.robot.clickOn(postpone).type(javafx.scene.input.KeyCode.ESCAPE);
        ui.robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        ui.await("the dialog closed", () -> !ui.visible("notifications"));
        assertThat(ui.settings.notificationsEnabled()).isFalse();
        assertThat(ui.settings.meteredPolicy()).isEqualTo(org.upswap.app.MeteredPolicy.DOWNLOAD_ANYWAY);
        assertThat(ui.settings.postponeLength()).isEqualTo(PostponeLength.ONE_DAY);
        assertThat(Files.readString(DesktopWindow.settingsFile(tmp)))
                .contains("notifications=false", "metered=download", "postpone=1d");
    }

    /** Saves what the display shows to target/screenshots/NAME and checks it is not blank. */
    private static void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Files.createDirectories(Path.of(System.getProperty("upswap.basedir", "."),
                "target/screenshots"));
        Path file = dir.resolve(name);
        Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        Process mean = new ProcessBuilder("convert", file.toString(), "-format", "%[fx:standard_deviation]",
                "info:").redirectErrorStream(true).start();
        String spread = new String(mean.getInputStream().readAllBytes()).strip();
        assertThat(mean.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Double.parseDouble(spread)).as("a screenshot with something on it").isGreaterThan(0.05);
    }

    private static void markCritical(String name, String version, String notes) throws Exception {
        var feed = sandbox.readFeed(name);
        for (var release : feed.withArray("releases")) {
            if (release.path("version").asText().equals(version)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) release).put("critical", true).put("notes", notes);
            }
        }
        sandbox.writeFeed(name, feed);
    }

    private static byte[] appended(byte[] bytes, String tail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes);
        out.write(HelperSandbox.bytes(tail));
        return out.toByteArray();
    }
}
