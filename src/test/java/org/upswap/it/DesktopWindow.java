package org.upswap.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.upswap.app.Settings;
import org.upswap.app.UpdatesModel;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperConnection;
import org.upswap.ui.UpdateWindow;

/**
 * The real update window, on a real UpdatesModel and HelperConnection
 * talking to a sandboxed helper: what a user's session runs, minus the tray.
 * Tests drive it through TestFX like a person would (by the controls' ids)
 * and wait for what the window shows.
 */
final class DesktopWindow implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final HelperConnection connection;
    final UpdatesModel model;
    final Settings settings;
    final UpdateWindow window;
    final FxRobot robot = new FxRobot();
    private final ExecutorService modelThread;

    /** Starts the JavaFX toolkit once per JVM (headless under Monocle, or on $DISPLAY). */
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    DesktopWindow(Path helperSocket, Path settingsFile) throws Exception {
        this(helperSocket, settingsFile, org.upswap.app.NetworkMeter.UNKNOWN);
    }

    /** With {@code meter} telling whether the connection is metered. */
    DesktopWindow(Path helperSocket, Path settingsFile, org.upswap.app.NetworkMeter meter) throws Exception {
        // Requests that need polkit may wait for a person; the window must not time out first.
        connection = new HelperConnection(helperSocket, ClientOptions.defaults()
                .withRequestTimeout(Duration.ofMinutes(2)).withClientName("upswap-window-test"));
        modelThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "upswap-model");
            t.setDaemon(true);
            return t;
        });
        model = new UpdatesModel(connection, modelThread);
        settings = Settings.load(settingsFile);
        model.start();
        window = onFx(() -> {
            UpdateWindow w = new UpdateWindow(model, settings, Locale.ENGLISH,
                    org.upswap.app.DownloadGate.metered(settings, meter));
            w.show();
            return w;
        });
    }

    /** Runs {@code task} on the JavaFX thread and returns its result. */
    static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(30, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} (read on the JavaFX thread) holds. */
    void await(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("the window never showed " + what + " within " + WAIT + "; it shows: "
                    + describe(), e);
        }
    }

    <T extends Node> T node(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    /** The text of the labeled control with this id ("" if there is none or it is hidden). */
    String text(String id) {
        try {
            return onFx(() -> {
                var found = robot.lookup("#" + id).tryQueryAs(Labeled.class);
                return found.filter(Node::isVisible).filter(DesktopWindow::shown).map(Labeled::getText).orElse("");
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean visible(String id) {
        try {
            return onFx(() -> robot.lookup("#" + id).tryQuery().filter(DesktopWindow::shown).isPresent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A button that can be pressed right now: visible all the way up and enabled. */
    boolean pressable(String id) {
        try {
            return onFx(() -> robot.lookup("#" + id).tryQueryAs(Button.class)
                    .filter(DesktopWindow::shown).filter(b -> !b.isDisabled()).isPresent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void click(String id) {
        await(id + " ready to press", () -> robot.lookup("#" + id).tryQueryAs(Button.class)
                .filter(DesktopWindow::shown).filter(b -> !b.isDisabled()).isPresent());
        robot.clickOn("#" + id);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null && node.getScene().getWindow() != null
                && node.getScene().getWindow().isShowing();
    }

    private String describe() {
        return "summary='" + text("summary") + "', banner='" + text("bannerTitle") + "', notice='"
                + text("noticeText") + "', status='" + text("status") + "', installed='" + text("installed")
                + "', available='" + text("available") + "', progress='" + text("progressText") + "'";
    }

    @Override
    public void close() throws Exception {
        try {
            onFx(() -> {
                window.dispose();
                return null;
            });
        } finally {
            model.close();
            modelThread.shutdownNow();
        }
    }

    static Path settingsFile(Path dir) throws IOException {
        return dir.resolve("config/upswap/settings.properties");
    }
}
