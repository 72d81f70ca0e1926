// The one place where the model's thread hands over to the window's: model
// snapshots and events are passed to the view model on {@code uiThread}, in
// the order the model sent them. A burst of snapshots (progress ticks) is
// drawn once, with the newest.
package org.upswap.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.upswap.app.AppListener;
import org.upswap.app.AppSnapshot;
import org.upswap.client.model.HelperEvent;

final class SnapshotRelay implements AppListener {

    private final UpdatesViewModel viewModel;
    private final Executor uiThread;
    /** The newest snapshot not drawn yet; null when the UI thread is up to date. */
    private final AtomicReference<AppSnapshot> pending = new AtomicReference<>();

    SnapshotRelay(UpdatesViewModel viewModel, Executor uiThread) {
        this.viewModel = viewModel;
        this.uiThread = uiThread;
    }

    @Override
    public void changed(AppSnapshot snapshot) {
        if (pending.getAndSet(snapshot) == null) {
            uiThread.execute(this::drawPending);
        }
    }

    @Override
    public void event(HelperEvent event, AppSnapshot snapshot) {
        // Queued after the drawing of the snapshot it caused, so the view model sees them in order.
        uiThread.execute(() -> viewModel.handle(event));
    }

    private void drawPending() {
        AppSnapshot next = pending.getAndSet(null);
        if (next != null) {
            viewModel.apply(next);
        }
    }
}
