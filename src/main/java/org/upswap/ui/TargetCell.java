// One row of the target list: icon, name, versions and size, the critical
// badge, the state in words (with a slim progress bar while a job runs) and
// the row's Update button.
package org.upswap.ui;

import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

final class TargetCell extends ListCell<TargetItem> {

    private static final int ICON_SIZE = 40;

    private final IconLookup icons;
    private final StackPane icon = new StackPane();
    private final Label name = new Label();
    private final Label badge = new Label();
    private final Label versions = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button update = new Button();
    private final HBox row;
    private final ChangeListener<ActionState> updateListener = (obs, old, now) -> showUpdate(now);
    private final ChangeListener<TargetText.Status> statusListener = (obs, old, now) -> showStatusKind(old, now);
    private TargetItem shown;
    private String iconFor;

    TargetCell(Messages messages, IconLookup icons, Consumer<String> onUpdate) {
        this.icons = icons;
        getStyleClass().add("target-cell");
        name.getStyleClass().add("target-name");
        badge.setText(messages.get("badge.critical"));
        badge.getStyleClass().add("badge-critical");
        badge.managedProperty().bind(badge.visibleProperty());
        versions.getStyleClass().add("target-versions");
        status.getStyleClass().add("target-status");
        progress.getStyleClass().add("row-progress");
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setFocusTraversable(false);
        update.setText(messages.get("button.rowUpdate"));
        update.getStyleClass().add("row-update");
        // Keyboard users press Enter on the row; Tab should leave the list, not walk its buttons.
        update.setFocusTraversable(false);
        update.setContentDisplay(ContentDisplay.LEFT);
        update.setOnAction(e -> {
            if (shown != null) {
                onUpdate.accept(shown.name());
            }
        });
        update.managedProperty().bind(update.visibleProperty());

        HBox title = new HBox(8, name, badge);
        title.setAlignment(Pos.CENTER_LEFT);
        HBox state = new HBox(8, status, progress);
        state.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(2, title, versions, state);
        HBox.setHgrow(text, Priority.ALWAYS);
        icon.setMinSize(ICON_SIZE, ICON_SIZE);
        icon.setPrefSize(ICON_SIZE, ICON_SIZE);
        row = new HBox(12, icon, text, update);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("target-row");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(TargetItem item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.updateProperty().removeListener(updateListener);
            shown.statusKindProperty().removeListener(statusListener);
            showStatusKind(shown.statusKindProperty().get(), null);
            versions.textProperty().unbind();
            status.textProperty().unbind();
            badge.visibleProperty().unbind();
            progress.visibleProperty().unbind();
            progress.progressProperty().unbind();
            accessibleTextProperty().unbind();
            shown = null;
        }
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        shown = item;
        name.setText(item.name());
        if (!item.name().equals(iconFor)) {
            icon.getChildren().setAll(icons.targetIcon(item.name(), ICON_SIZE));
            iconFor = item.name();
        }
        versions.textProperty().bind(item.lineProperty());
        status.textProperty().bind(item.statusProperty());
        badge.visibleProperty().bind(item.criticalProperty());
        progress.visibleProperty().bind(item.workingProperty());
        progress.progressProperty().bind(item.progressProperty());
        accessibleTextProperty().bind(item.accessibleTextProperty());
        item.updateProperty().addListener(updateListener);
        item.statusKindProperty().addListener(statusListener);
        showUpdate(item.updateProperty().get());
        showStatusKind(null, item.statusKindProperty().get());
        setText(item.name()); // not drawn (graphic only), but read by type-ahead and accessibility
        setGraphic(row);
    }

    private void showUpdate(ActionState state) {
        update.setVisible(state.visible());
        update.setDisable(!state.enabled());
        update.setGraphic(state.shield() ? Glyphs.shield() : null);
        update.setAccessibleHelp(state.tooltip());
        update.setTooltip(state.tooltip().isEmpty() ? null : new javafx.scene.control.Tooltip(state.tooltip()));
    }

    private void showStatusKind(TargetText.Status old, TargetText.Status now) {
        if (old != null) {
            getStyleClass().remove(old.styleClass());
        }
        if (now != null) {
            getStyleClass().add(now.styleClass());
        }
    }
}
