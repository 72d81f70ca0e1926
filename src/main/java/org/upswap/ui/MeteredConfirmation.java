// The question before downloading on a metered connection. "Not now" is the
// default: spending someone's data allowance takes a deliberate click.
package org.upswap.ui;

import javafx.stage.Window;

final class MeteredConfirmation {

    private MeteredConfirmation() {
    }

    /** Asks and waits; true if the user chose to download. */
    static boolean ask(Window owner, UpdatesViewModel.MeteredQuestion question, Messages messages) {
        return CautiousConfirmation.ask(owner, new CautiousConfirmation.Question(messages.get("metered.title"),
                question.header(), question.body(), question.confirm(), question.decline(), "metered-dialog",
                "confirmMeteredDownload", "declineMeteredDownload"));
    }
}
