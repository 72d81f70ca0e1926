// The question before a rollback: it names the version it will restore, and
// "Cancel" is the default, since putting an older binary back is not
// something to do by pressing Enter once too often.
package org.upswap.ui;

import javafx.stage.Window;

final class RollbackConfirmation {

    private RollbackConfirmation() {
    }

    /** Asks and waits; true if the user confirmed. */
    static boolean ask(Window owner, TargetDetailsViewModel.RollbackQuestion question, Messages messages) {
        return CautiousConfirmation.ask(owner, new CautiousConfirmation.Question(messages.get("rollback.title"),
                question.header(), question.body(), question.confirm(), messages.get("button.dialogCancel"),
                "rollback-dialog", "confirmRollback", "cancelRollback"));
    }
}
