// A yes/no question whose safe answer is the default: Enter (or Escape)
// declines, and only a deliberate click on the confirming button goes on.
// The rollback and the metered-download questions are both of this kind.
package org.upswap.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

final class CautiousConfirmation {

    /** What to ask; the ids name the buttons for tests and accessibility tools. */
    record Question(String title, String header, String body, String confirm, String decline, String styleClass,
                    String confirmId, String declineId) {
    }

    private CautiousConfirmation() {
    }

    /** Asks and waits; true if the user confirmed. */
    static boolean ask(Window owner, Question q) {
        ButtonType confirm = new ButtonType(q.confirm(), ButtonBar.ButtonData.OK_DONE);
        ButtonType decline = new ButtonType(q.decline(), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, q.body(), confirm, decline);
        alert.initOwner(owner);
        alert.setTitle(q.title());
        alert.setHeaderText(q.header());
        alert.getDialogPane().getStyleClass().add(q.styleClass());
        alert.getDialogPane().getStylesheets().add(UpdateWindow.STYLESHEET);
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        Button declineButton = (Button) alert.getDialogPane().lookupButton(decline);
        confirmButton.setDefaultButton(false);
        declineButton.setDefaultButton(true);
        confirmButton.setId(q.confirmId());
        declineButton.setId(q.declineId());
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }
}
