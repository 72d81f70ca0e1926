// Binds updates.fxml to the UpdatesViewModel: banner, notice bar, header
// actions and the target list (arrows move, Enter updates the selected
// target, type-ahead by name). No decisions here; the view model makes them.
package org.upswap.ui;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

final class UpdatesController {

    private final UpdatesViewModel viewModel;
    private final Messages messages;
    private final IconLookup icons;
    private final Runnable showSettings;

    @FXML private HBox banner;
    @FXML private StackPane bannerIcon;
    @FXML private Label bannerTitle;
    @FXML private Label bannerDetail;
    @FXML private HBox noticeBar;
    @FXML private Label noticeText;
    @FXML private Button dismissNotice;
    @FXML private StackPane appIcon;
    @FXML private Label summary;
    @FXML private Button checkNow;
    @FXML private Button updateAll;
    @FXML private Button settings;
    @FXML private SplitPane split;
    @FXML private ListView<TargetItem> targetList;
    /** Keeps the list's selection and the view model's from echoing each other. */
    private boolean syncing;

    UpdatesController(UpdatesViewModel viewModel, Messages messages, IconLookup icons, Runnable showSettings) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.icons = icons;
        this.showSettings = showSettings;
    }

    @FXML
    private void initialize() {
        banner.visibleProperty().bind(viewModel.bannerVisibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        bannerIcon.getChildren().setAll(Glyphs.warning());
        bannerTitle.textProperty().bind(viewModel.bannerTitleProperty());
        bannerDetail.textProperty().bind(viewModel.bannerDetailProperty());
        banner.setAccessibleRole(javafx.scene.AccessibleRole.TEXT);
        banner.accessibleTextProperty().bind(viewModel.bannerTitleProperty().concat(". ")
                .concat(viewModel.bannerDetailProperty()));

        noticeBar.managedProperty().bind(noticeBar.visibleProperty());
        showNotice(viewModel.noticeProperty().get());
        viewModel.noticeProperty().addListener((obs, old, now) -> showNotice(now));
        dismissNotice.setAccessibleText(messages.get("a11y.dismissNotice"));

        icons.find("upswap", 48, 64, 128).ifPresentOrElse(
                image -> appIcon.getChildren().setAll(fitted(image, 36)),
                () -> appIcon.getChildren().setAll(Glyphs.appMark(36)));
        summary.textProperty().bind(viewModel.summaryProperty());

        ActionButtons.bind(checkNow, viewModel.checkNowProperty());
        ActionButtons.bind(updateAll, viewModel.updateAllProperty());
        checkNow.setAccessibleHelp(messages.get("a11y.checkNow"));
        settings.setAccessibleHelp(messages.get("a11y.settings"));

        setUpList();
        split.setDividerPositions(0.42);
        // Asked after the click's event is done: a dialog may not wait inside layout or a listener.
        viewModel.meteredQuestionProperty().addListener((obs, old, now) -> {
            if (now != null) {
                javafx.application.Platform.runLater(() -> viewModel.answerMeteredQuestion(
                        MeteredConfirmation.ask(targetList.getScene() == null ? null
                                : targetList.getScene().getWindow(), now, messages)));
            }
        });
    }

    private void setUpList() {
        targetList.setItems(viewModel.targets());
        targetList.setCellFactory(list -> new TargetCell(messages, icons, viewModel::update));
        targetList.setAccessibleText(messages.get("a11y.targetList"));
        targetList.setAccessibleHelp(messages.get("a11y.targetList.help"));
        Label empty = new Label(messages.get("list.empty"));
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        targetList.setPlaceholder(empty);
        targetList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                syncing = true;
                viewModel.selectedProperty().set(now);
                syncing = false;
            }
        });
        viewModel.selectedProperty().addListener((obs, old, now) -> selectInList(now));
        // setAll() on the items clears the list's selection: put the view model's back.
        viewModel.targets().addListener((ListChangeListener<TargetItem>) change ->
                selectInList(viewModel.selectedProperty().get()));
        selectInList(viewModel.selectedProperty().get());
        targetList.addEventHandler(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ENTER) {
                viewModel.updateSelected();
                key.consume();
            }
        });
    }

    private void selectInList(TargetItem item) {
        if (syncing) {
            return;
        }
        syncing = true;
        if (item == null) {
            targetList.getSelectionModel().clearSelection();
        } else if (targetList.getSelectionModel().getSelectedItem() != item) {
            targetList.getSelectionModel().select(item);
            targetList.getFocusModel().focus(targetList.getSelectionModel().getSelectedIndex());
        }
        syncing = false;
    }

    private void showNotice(Notice notice) {
        noticeBar.getStyleClass().removeAll("notice-success", "notice-info", "notice-error");
        noticeBar.setVisible(notice != null);
        if (notice != null) {
            noticeBar.getStyleClass().add("notice-" + notice.kind().name().toLowerCase(java.util.Locale.ROOT));
            noticeText.setText(notice.text());
            noticeBar.setAccessibleText(notice.text());
        }
    }

    private static javafx.scene.image.ImageView fitted(javafx.scene.image.Image image, double size) {
        javafx.scene.image.ImageView view = new javafx.scene.image.ImageView(image);
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        return view;
    }

    /** Where keyboard focus starts when the window opens. */
    void focusList() {
        targetList.requestFocus();
    }

    @FXML
    private void checkNow() {
        viewModel.checkNow();
    }

    @FXML
    private void updateAll() {
        viewModel.updateAll();
    }

    @FXML
    private void showSettings() {
        showSettings.run();
    }

    @FXML
    private void dismissNotice() {
        viewModel.dismissNotice();
    }
}
