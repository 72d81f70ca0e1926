// The update window, as the app shell sees it: one object to show it (at a
// target, or with its settings), to hide it, and to pop up notifications in
// it when the desktop has no notification server. Builds the view models,
// loads the FXML, and connects the window to the UpdatesModel through the
// one hand-over to the JavaFX thread (SnapshotRelay).
package org.upswap.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.upswap.app.DownloadGate;
import org.upswap.app.InAppNotifier;
import org.upswap.app.Settings;
import org.upswap.app.UpdatesModel;

/**
 * Create and use it on the JavaFX Application Thread only (every method
 * checks). Model snapshots arrive on the model's thread and are handed over
 * by the window itself. Closing the window only hides it: upswap lives in
 * the tray, and the app shell decides when to exit.
 */
public final class UpdateWindow implements InAppNotifier {

    static final String STYLESHEET = Objects.requireNonNull(UpdateWindow.class.getResource("updates.css"),
            "updates.css").toExternalForm();

    private static final double DEFAULT_WIDTH = 980;
    private static final double DEFAULT_HEIGHT = 660;

    private final UpdatesModel model;
    private final Stage stage = new Stage();
    private final UpdatesViewModel viewModel;
    private final SnapshotRelay relay;
    private final UpdatesController controller;
    private final SettingsDialog settingsDialog;
    private final InAppNotifications notifications;

    /** A window in the default locale's language. */
    public UpdateWindow(UpdatesModel model, Settings settings) {
        this(model, settings, Locale.getDefault());
    }

    /**
     * @param model the desktop's model; the window listens to it from now on
     * @param settings the user's preferences, edited in the settings dialog
     * @param locale the language of the window's text (messages.properties and its translations)
     */
    public UpdateWindow(UpdatesModel model, Settings settings, Locale locale) {
        this(model, settings, locale, DownloadGate.OPEN);
    }

    /**
     * As {@link #UpdateWindow(UpdatesModel, Settings, Locale)}, asking before
     * downloads when {@code gate} says so (a metered connection).
     */
    public UpdateWindow(UpdatesModel model, Settings settings, Locale locale, DownloadGate gate) {
        requireFxThread();
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Messages messages = Messages.forLocale(locale);
        IconLookup icons = IconLookup.system();
        // The one hand-over to the JavaFX thread: snapshots, events and answers all come through here.
        Executor uiThread = Platform::runLater;
        viewModel = new UpdatesViewModel(UpdateActions.of(model), messages, uiThread, Clock.systemDefaultZone(),
                currentUserId(), Objects.requireNonNull(gate, "gate"));
        notifications = new InAppNotifications(stage, uiThread);

        FXMLLoader loader = new FXMLLoader(UpdateWindow.class.getResource("updates.fxml"), messages.bundle());
        loader.setControllerFactory(type -> {
            if (type == UpdatesController.class) {
                return new UpdatesController(viewModel, messages, icons, this::showSettings);
            }
            if (type == TargetDetailsController.class) {
                return new TargetDetailsController(viewModel, messages, icons,
                        question -> RollbackConfirmation.ask(stage, question, messages));
            }
            throw new IllegalArgumentException("no controller " + type);
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("updates.fxml is part of the application and must load", e);
        }
        controller = loader.getController();

        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(STYLESHEET);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::hide);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), viewModel::checkNow);
        stage.setScene(scene);
        stage.setTitle(messages.get("window.title"));
        stage.setMinWidth(720);
        stage.setMinHeight(460);
        // Every size the theme has: the window manager picks the one that fits its title bar or switcher.
        List<javafx.scene.image.Image> themed = java.util.stream.IntStream.of(256, 128, 64, 48, 32, 16)
                .mapToObj(size -> icons.find("upswap", size)).flatMap(java.util.Optional::stream).toList();
        stage.getIcons().setAll(!themed.isEmpty() ? themed
                : List.of(Glyphs.appMarkImage(64), Glyphs.appMarkImage(32)));
        stage.setOnCloseRequest(event -> {
            event.consume();
            hide();
        });
        // A dialog takes its owner's scene at creation: only now is there one.
        settingsDialog = new SettingsDialog(new SettingsViewModel(settings, messages), messages, stage);

        relay = new SnapshotRelay(viewModel, uiThread);
        model.addListener(relay);
        viewModel.apply(model.snapshot());
    }

    /** Shows the window (or brings it to the front) with the list focused. */
    public void show() {
        requireFxThread();
        if (!stage.isShowing()) {
            stage.show();
            viewModel.opened();
            controller.focusList();
        }
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    /** Shows the window with {@code name} selected and its details open. */
    public void showTarget(String name) {
        show();
        viewModel.select(name);
    }

    /**
     * Shows the window and updates {@code target} (every target with an
     * update when null) as its Update button would, question included.
     */
    public void update(String target) {
        if (target == null) {
            show();
            viewModel.updateAll();
        } else {
            showTarget(target);
            viewModel.update(target);
        }
    }

    /** Shows the window and its settings dialog. */
    public void showSettings() {
        show();
        settingsDialog.show(model.snapshot());
    }

    public void hide() {
        requireFxThread();
        stage.hide();
    }

    /** Whether the window is on screen. */
    public boolean isShowing() {
        requireFxThread();
        return stage.isShowing();
    }

    /** Stops listening to the model and closes the window for good. */
    public void dispose() {
        requireFxThread();
        model.removeListener(relay);
        stage.hide();
    }

    /** A popup in the window's corner; any thread may call it (it hands over to the JavaFX thread). */
    @Override
    public void show(String title, String body, boolean critical, List<Choice> choices) {
        notifications.show(title, body, critical, choices);
    }

    private static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("UpdateWindow must be used on the JavaFX Application Thread, not "
                    + Thread.currentThread().getName());
        }
    }

    private static long currentUserId() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
