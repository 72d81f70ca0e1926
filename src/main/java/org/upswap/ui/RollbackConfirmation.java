// The question before a rollback: it names the version it will restore, and
// "Cancel" is the default, since putting an older binary back is not
// something to do by pressing Enter once too often.
package org.upswap.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

final class RollbackConfirmation {

    private RollbackConfirmation() {
    }

    /** Asks and waits; true if the user confirmed. */
    static boolean ask(Window owner, TargetDetailsViewModel.RollbackQuestion question, Messages messages) {
        ButtonType confirm = new ButtonType(question.confirm(), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(messages.get("button.dialogCancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question.body(), confirm, cancel);
        alert.initOwner(owner);
        alert.setTitle(messages.get("rollback.title"));
        alert.setHeaderText(question.header());
        alert.getDialogPane().getStyleClass().add("rollback-dialog");
        alert.getDialogPane().getStylesheets().add(UpdateWindow.STYLESHEET);
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        Button cancelButton = (Button) alert.getDialogPane().lookupButton(cancel);
        confirmButton.setDefaultButton(false);
        cancelButton.setDefaultButton(true);
        confirmButton.setId("confirmRollback");
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }
}
