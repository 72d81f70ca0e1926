package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The update window against a real helper, headless (Monocle): what it
 * lists, an update with its progress and the new version, a rollback after
 * the question, a cancel that leaves the old binary, a refusal explained in
 * words, and the banner while the helper is away.
 */
class UpdateWindowIT {
    static final int SIZE = 4 * 1024 * 1024;

    @TempDir
    Path tmp;
    RemoteFixture remote;
    HelperSandbox sandbox;
    DesktopWindow ui;

    @BeforeAll
    static void toolkit() throws Exception {
        DesktopWindow.startToolkit();
    }

    @AfterEach
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path sandboxDir() throws java.io.IOException {
        return Files.createDirectories(tmp.resolve("sandbox"));
    }

    /** A remote target "app" at 1.0.0 with 2.0.0 offered, and the window open on it after a check. */
    private void remoteWindow(long bytesPerSecond) throws Exception {
        remote = new RemoteFixture(sandboxDir(), CrashRecoveryIT.random(SIZE, 1), null);
        remote.publish("1.0.0", CrashRecoveryIT.random(SIZE, 1));
        remote.publish("2.0.0", CrashRecoveryIT.random(SIZE, 2));
        remote.server.slow("app-2.0.0", bytesPerSecond);
        remote.sandbox.start();
        ui = new DesktopWindow(remote.sandbox.helperSocket(), DesktopWindow.settingsFile(tmp));
        ui.await("the connected window", () -> ui.pressable("checkNow"));
        ui.click("checkNow");
        ui.await("the offered update", () -> ui.text("available").startsWith("2.0.0"));
    }

    @Test
    void listsVersionsThenUpdatesWithProgressAndRollsBackAfterAsking() throws Exception {
        remoteWindow(2 * 1024 * 1024);
        assertThat(ui.text("installed")).isEqualTo("1.0.0");
        assertThat(ui.text("available")).isEqualTo("2.0.0 (4.0 MiB)");
        assertThat(ui.text("summary")).isEqualTo("One update available");
        assertThat(ui.text("notes")).isEqualTo("Release 2.0.0.");
        assertThat(ui.pressable("updateAll")).isTrue();

        ui.click("update");
        ProgressBar bar = ui.node("progress", ProgressBar.class);
        ui.await("download progress", () -> ui.text("progressText").startsWith("Downloading: ")
                && bar.getProgress() > 0 && bar.getProgress() < 1);
        assertThat(ui.text("progressText")).endsWith("of 4.0 MiB");
        assertThat(ui.pressable("cancel")).isTrue();
        assertThat(ui.visible("update")).as("no second Update while one runs").isFalse();

        ui.await("the new version", () -> ui.text("installed").equals("2.0.0"));
        ui.await("the success notice", () -> ui.text("noticeText").equals("app 2.0.0 is installed."));
        assertThat(ui.visible("job")).isFalse();
        assertThat(ui.text("available")).isEqualTo("nothing newer");
        assertThat(ui.text("previous")).isEqualTo("1.0.0");
        assertThat(ui.text("summary")).isEqualTo("Everything is up to date");
        assertThat(remote.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 2));

        ui.click("rollback");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.robot.lookup(".rollback-dialog .header-panel .label").queryLabeled().getText())
                .isEqualTo("Roll back app to 1.0.0?");
        ui.robot.clickOn("#confirmRollback");
        ui.await("the rolled-back version", () -> ui.text("installed").equals("1.0.0"));
        ui.await("the rollback notice", () -> ui.text("noticeText").equals("app is back at 1.0.0."));
        assertThat(remote.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 1));
    }

    @Test
    void onAMeteredConnectionUpdateAsksFirstAndNotNowDownloadsNothing() throws Exception {
        remote = new RemoteFixture(sandboxDir(), CrashRecoveryIT.random(SIZE, 1), null);
        remote.publish("1.0.0", CrashRecoveryIT.random(SIZE, 1));
        remote.publish("2.0.0", CrashRecoveryIT.random(SIZE, 2));
        remote.sandbox.start();
        ui = new DesktopWindow(remote.sandbox.helperSocket(), DesktopWindow.settingsFile(tmp), () -> true);
        ui.await("the connected window", () -> ui.pressable("checkNow"));
        ui.click("checkNow");
        ui.await("the offered update", () -> ui.text("available").startsWith("2.0.0"));

        ui.click("update");
        WaitForAsyncUtils.waitForFxEvents();
        ui.await("the question", () -> !ui.robot.lookup(".metered-dialog").queryAll().isEmpty());
        assertThat(ui.robot.lookup(".metered-dialog .header-panel .label").queryLabeled().getText())
                .isEqualTo("Download on a metered connection?");
        assertThat(ui.robot.lookup(".metered-dialog .content").queryLabeled().getText())
                .contains("app").contains("2.0.0").contains("4.0 MiB");
        ui.robot.clickOn("#declineMeteredDownload");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(remote.server.requests("app-2.0.0")).as("not now: nothing downloaded").isZero();
        assertThat(ui.pressable("update")).isTrue();

        ui.click("update");
        WaitForAsyncUtils.waitForFxEvents();
        ui.await("the question again", () -> !ui.robot.lookup("#confirmMeteredDownload").queryAll().isEmpty());
        ui.robot.clickOn("#confirmMeteredDownload");
        ui.await("the new version", () -> ui.text("installed").equals("2.0.0"));
        assertThat(remote.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 2));
    }

    @Test
    void cancelDuringASlowDownloadKeepsTheOldVersion() throws Exception {
        remoteWindow(256 * 1024); // 16 s for the whole file: plenty of time to cancel
        ui.click("update");
        ProgressBar bar = ui.node("progress", ProgressBar.class);
        ui.await("download progress", () -> bar.getProgress() > 0);
        ui.click("cancel");
        ui.await("the cancel notice", () -> ui.text("noticeText")
                .equals("The update of app was cancelled. Nothing was changed."));
        ui.await("the job gone", () -> !ui.visible("job"));
        assertThat(ui.text("installed")).isEqualTo("1.0.0");
        assertThat(ui.pressable("update")).as("the update can be tried again").isTrue();
        assertThat(remote.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 1));
    }

    @Test
    void aRefusedUpdateIsExplainedInWords() throws Exception {
        sandbox = HelperSandbox.create(sandboxDir());
        sandbox.writeHelperConf("check_on_start = no\n");
        Path target = sandbox.addTarget("tool", HelperSandbox.bytes("one"), null);
        sandbox.publish("tool", "1.0.0", HelperSandbox.bytes("one"));
        sandbox.publish("tool", "2.0.0", HelperSandbox.bytes("two"));
        // Anyone could swap the binary in a world-writable directory: the helper refuses to install there.
        Files.setPosixFilePermissions(target.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        sandbox.start(Map.of(), true); // polkit on, as on a real system (root is allowed)
        ui = new DesktopWindow(sandbox.helperSocket(), DesktopWindow.settingsFile(tmp));
        ui.click("checkNow");
        ui.await("the offered update", () -> ui.text("available").startsWith("2.0.0"));

        ui.click("update");
        ui.await("the refusal", () -> ui.text("noticeText").startsWith("Couldn’t update tool."));
        String notice = ui.text("noticeText");
        assertThat(notice).contains(target.getParent().toString())
                .contains("an administrator must fix the permissions of its folder")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(ui.node("noticeBar", javafx.scene.Node.class).getStyleClass()).contains("notice-error");
        assertThat(Files.readString(target)).isEqualTo("one");
    }

    /** A local target "tool" at 1.0.0 and the window open on it. */
    private void localWindow() throws Exception {
        sandbox = HelperSandbox.create(sandboxDir());
        sandbox.writeHelperConf("check_on_start = no\n");
        sandbox.addTarget("tool", HelperSandbox.bytes("one"), null);
        sandbox.publish("tool", "1.0.0", HelperSandbox.bytes("one"));
        sandbox.start();
        ui = new DesktopWindow(sandbox.helperSocket(), DesktopWindow.settingsFile(tmp));
        ui.await("the connected window", () -> ui.pressable("checkNow"));
    }

    @Test
    void notificationsWithoutANotificationServerPopUpInTheWindow() throws Exception {
        localWindow();
        java.util.concurrent.CountDownLatch later = new java.util.concurrent.CountDownLatch(1);
        // Any thread may ask; this one is not the JavaFX thread.
        ui.window.show("Update available", "tool 2.0.0 is ready to install.", false,
                java.util.List.of(new org.upswap.app.InAppNotifier.Choice("Later", later::countDown)));
        ui.await("the popup", () -> ui.robot.lookup(".notification-bar .title")
                .tryQueryAs(javafx.scene.control.Label.class).map(l -> l.getText().equals("Update available"))
                .orElse(false));
        ui.robot.clickOn("Later");
        assertThat(later.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the choice ran").isTrue();
    }

    @Test
    void theBannerShowsWhileTheHelperIsAwayAndGoesWhenItIsBack() throws Exception {
        localWindow();
        assertThat(ui.visible("banner")).isFalse();

        assertThat(sandbox.stop()).isZero();
        ui.await("the offline banner", () -> ui.visible("banner"));
        assertThat(ui.text("bannerTitle")).isEqualTo("upswap-helper is not running, or can’t be reached");
        assertThat(ui.text("bannerDetail")).contains("systemctl start upswap-helper")
                .contains("reconnects by itself");
        assertThat(ui.text("summary")).isEqualTo("Not connected");
        assertThat(ui.pressable("checkNow")).isFalse();

        sandbox.start();
        ui.await("the banner gone", () -> !ui.visible("banner"));
        ui.await("the actions back", () -> ui.pressable("checkNow"));
        assertThat(ui.text("name")).isEqualTo("tool");
    }
}
