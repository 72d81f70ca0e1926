// What the window can ask of upswap. The window's view models depend on
// this rather than on UpdatesModel itself, so tests hand them a stand-in
// that answers however a test needs; in the app it is the model.
package org.upswap.ui;

import java.util.concurrent.CompletableFuture;
import org.upswap.app.UpdatesModel;

interface UpdateActions {

    CompletableFuture<?> checkNow();

    CompletableFuture<?> update(String target);

    CompletableFuture<?> updateAll();

    CompletableFuture<?> rollback(String target);

    CompletableFuture<?> cancel(String target);

    CompletableFuture<?> restart(String target);

    /** Reads every target afresh (processes come and go while the window is closed). */
    void refresh();

    static UpdateActions of(UpdatesModel model) {
        return new UpdateActions() {
            @Override
            public CompletableFuture<?> checkNow() {
                return model.checkNow();
            }

            @Override
            public CompletableFuture<?> update(String target) {
                return model.update(target);
            }

            @Override
            public CompletableFuture<?> updateAll() {
                return model.updateAll();
            }

            @Override
            public CompletableFuture<?> rollback(String target) {
                return model.rollback(target);
            }

            @Override
            public CompletableFuture<?> cancel(String target) {
                return model.cancel(target);
            }

            @Override
            public CompletableFuture<?> restart(String target) {
                return model.restart(target);
            }

            @Override
            public void refresh() {
                model.refresh();
            }
        };
    }
}
