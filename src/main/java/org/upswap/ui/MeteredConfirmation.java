// The question before downloading on a metered connection. "Not now" is the
// default: spending someone's data allowance takes a deliberate click.
package org.upswap.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

final class MeteredConfirmation {

    private MeteredConfirmation() {
    }

    /** Asks and waits; true if the user chose to download. */
    static boolean ask(Window owner, UpdatesViewModel.MeteredQuestion question, Messages messages) {
        ButtonType confirm = new ButtonType(question.confirm(), ButtonBar.ButtonData.OK_DONE);
        ButtonType decline = new ButtonType(question.decline(), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question.body(), confirm, decline);
        alert.initOwner(owner);
        alert.setTitle(messages.get("metered.title"));
        alert.setHeaderText(question.header());
        alert.getDialogPane().getStyleClass().add("metered-dialog");
        alert.getDialogPane().getStylesheets().add(UpdateWindow.STYLESHEET);
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        Button declineButton = (Button) alert.getDialogPane().lookupButton(decline);
        confirmButton.setDefaultButton(false);
        declineButton.setDefaultButton(true);
        confirmButton.setId("confirmMeteredDownload");
        declineButton.setId("declineMeteredDownload");
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }
}
