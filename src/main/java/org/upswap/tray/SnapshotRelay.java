// Hands the newest snapshot to the tray thread. Snapshots that are
// superseded before the tray got to them are skipped (a download's progress
// events can outpace a host re-reading the tooltip), and the one read at
// start-up never overwrites a newer one the model delivered meanwhile.
package org.upswap.tray;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.upswap.app.AppSnapshot;

final class SnapshotRelay {

    private final Executor trayThread;
    private final Consumer<AppSnapshot> show;
    private final Object lock = new Object();
    /** Guarded by lock: the snapshot to show next, or null. */
    private AppSnapshot pending;
    /** Guarded by lock: a drain is queued on the tray thread. */
    private boolean queued;
    /** Guarded by lock: the model delivered a snapshot, so the start-up one is old news. */
    private boolean fromModel;

    SnapshotRelay(Executor trayThread, Consumer<AppSnapshot> show) {
        this.trayThread = trayThread;
        this.show = show;
    }

    /** A snapshot from the model's listener. */
    void changed(AppSnapshot snapshot) {
        synchronized (lock) {
            fromModel = true;
            pending = snapshot;
            if (queued) {
                return;
            }
            queued = true;
        }
        trayThread.execute(this::drain);
    }

    /** The snapshot read when the tray started, after it began listening. */
    void initial(AppSnapshot snapshot) {
        synchronized (lock) {
            if (fromModel) {
                return;
            }
            pending = snapshot;
            if (queued) {
                return;
            }
            queued = true;
        }
        trayThread.execute(this::drain);
    }

    private void drain() {
        AppSnapshot next;
        synchronized (lock) {
            next = pending;
            pending = null;
            queued = false;
        }
        if (next != null) {
            show.accept(next);
        }
    }
}
