// The settings dialog: modal to the update window, Save (the default
// button, Enter) stores and closes, Cancel (Escape) drops the edit. A save
// that cannot be written keeps the dialog open and says why.
package org.upswap.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.event.ActionEvent;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.upswap.app.AppSnapshot;

final class SettingsDialog {

    private final SettingsViewModel viewModel;
    private final Dialog<ButtonType> dialog = new Dialog<>();

    SettingsDialog(SettingsViewModel viewModel, Messages messages, Window owner) {
        this.viewModel = viewModel;
        FXMLLoader loader = new FXMLLoader(SettingsDialog.class.getResource("settings.fxml"), messages.bundle());
        loader.setControllerFactory(type -> new SettingsController(viewModel, messages));
        DialogPane pane;
        try {
            pane = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("settings.fxml is part of the application and must load", e);
        }
        pane.getStylesheets().add(UpdateWindow.STYLESHEET);
        ButtonType save = new ButtonType(messages.get("button.save"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(messages.get("button.dialogCancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().setAll(save, cancel);
        Button saveButton = (Button) pane.lookupButton(save);
        saveButton.setId("saveSettings");
        saveButton.addEventFilter(ActionEvent.ACTION, event -> {
            if (!viewModel.save()) {
                event.consume(); // stay open: the error is shown in the dialog
            }
        });
        dialog.setDialogPane(pane);
        dialog.setTitle(messages.get("settings.title"));
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setResizable(true);
    }

    /** Shows the stored settings (or brings the open dialog to the front). */
    void show(AppSnapshot snapshot) {
        if (dialog.isShowing()) {
            ((javafx.stage.Stage) dialog.getDialogPane().getScene().getWindow()).toFront();
            return;
        }
        viewModel.load(snapshot);
        dialog.show();
    }

    boolean isShowing() {
        return dialog.isShowing();
    }
}
