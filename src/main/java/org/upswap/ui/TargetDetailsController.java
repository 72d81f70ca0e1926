// Binds target-details.fxml to the TargetDetailsViewModel. Roll back asks
// first (naming the version it restores); the other buttons go straight to
// the view model.
package org.upswap.ui;

import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

final class TargetDetailsController {

    private static final int ICON_SIZE = 56;
    private static final int VISIBLE_PROCESSES = 6;
    private static final double PROCESS_TABLE_HEADER = 30;

    private final UpdatesViewModel viewModel;
    private final TargetDetailsViewModel details;
    private final Messages messages;
    private final IconLookup icons;
    private final Predicate<TargetDetailsViewModel.RollbackQuestion> confirmRollback;

    @FXML private Label placeholder;
    @FXML private VBox content;
    @FXML private StackPane icon;
    @FXML private Label name;
    @FXML private Label badge;
    @FXML private Label status;
    @FXML private Label path;
    @FXML private Button update;
    @FXML private Button rollback;
    @FXML private VBox job;
    @FXML private Label progressText;
    @FXML private Button cancel;
    @FXML private ProgressBar progress;
    @FXML private Label rate;
    @FXML private VBox errorBox;
    @FXML private Label lastError;
    @FXML private Label installed;
    @FXML private Label available;
    @FXML private Label previous;
    @FXML private Label lastCheck;
    @FXML private Label interval;
    @FXML private VBox notesBox;
    @FXML private Label notes;
    @FXML private VBox processesBox;
    @FXML private Label processesSummary;
    @FXML private TableView<TargetDetailsViewModel.ProcessRow> processes;
    @FXML private TableColumn<TargetDetailsViewModel.ProcessRow, String> pidColumn;
    @FXML private TableColumn<TargetDetailsViewModel.ProcessRow, String> userColumn;
    @FXML private TableColumn<TargetDetailsViewModel.ProcessRow, String> commandColumn;
    @FXML private Button restart;

    /** @param confirmRollback asks the user; true to go ahead */
    TargetDetailsController(UpdatesViewModel viewModel, Messages messages, IconLookup icons,
                            Predicate<TargetDetailsViewModel.RollbackQuestion> confirmRollback) {
        this.viewModel = viewModel;
        this.details = viewModel.details();
        this.messages = messages;
        this.icons = icons;
        this.confirmRollback = confirmRollback;
    }

    @FXML
    private void initialize() {
        showWhen(content, details.presentProperty());
        placeholder.visibleProperty().bind(details.presentProperty().not());
        details.nameProperty().addListener((obs, old, now) -> showIcon(now));

        name.textProperty().bind(details.nameProperty());
        showWhen(badge, details.criticalProperty());
        status.textProperty().bind(details.statusProperty());
        path.textProperty().bind(details.pathProperty());
        installed.textProperty().bind(details.installedProperty());
        available.textProperty().bind(details.availableProperty());
        previous.textProperty().bind(details.previousProperty());
        lastCheck.textProperty().bind(details.lastCheckProperty());
        interval.textProperty().bind(details.intervalProperty());

        showWhen(job, details.jobVisibleProperty());
        progressText.textProperty().bind(details.progressTextProperty());
        progress.progressProperty().bind(details.progressProperty());
        progress.accessibleTextProperty().bind(details.progressTextProperty());
        rate.textProperty().bind(details.rateTextProperty());
        showWhen(rate, Bindings.isNotEmpty(details.rateTextProperty()));

        bindText(lastError, errorBox, details.lastErrorProperty());
        bindText(notes, notesBox, details.notesProperty());

        showWhen(processesBox, Bindings.isNotEmpty(details.processes()));
        processesSummary.textProperty().bind(details.processesSummaryProperty());
        processes.setItems(details.processes());
        pidColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().pid()));
        userColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().user()));
        commandColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().command()));
        processes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // As tall as its rows (up to a few), not a block of empty ones.
        processes.prefHeightProperty().bind(Bindings.min(Bindings.size(details.processes()), VISIBLE_PROCESSES)
                .multiply(processes.getFixedCellSize()).add(PROCESS_TABLE_HEADER));
        processes.minHeightProperty().bind(processes.prefHeightProperty());
        processes.maxHeightProperty().bind(processes.prefHeightProperty());
        processes.setAccessibleText(messages.get("details.processes"));

        ActionButtons.bind(update, details.updateProperty());
        ActionButtons.bind(rollback, details.rollbackProperty());
        ActionButtons.bind(cancel, details.cancelProperty());
        ActionButtons.bind(restart, details.restartProperty());
        update.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> messages.get("a11y.update", details.nameProperty().get()), details.nameProperty()));
        cancel.setAccessibleText(messages.get("a11y.cancel"));
    }

    private void showIcon(String target) {
        icon.getChildren().setAll(target == null || target.isEmpty() ? java.util.List.of()
                : java.util.List.of(icons.targetIcon(target, ICON_SIZE)));
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    /** A label and the section around it, shown only when there is text. */
    private static void bindText(Label label, Node section, ObservableStringValue text) {
        label.textProperty().bind(text);
        showWhen(section, Bindings.isNotEmpty(text));
    }

    @FXML
    private void update() {
        viewModel.updateSelected();
    }

    @FXML
    private void rollback() {
        var question = viewModel.rollbackQuestion();
        if (question != null && confirmRollback.test(question)) {
            viewModel.rollback(question.target());
        }
    }

    @FXML
    private void cancel() {
        viewModel.cancelSelected();
    }

    @FXML
    private void restart() {
        viewModel.restartSelected();
    }
}
