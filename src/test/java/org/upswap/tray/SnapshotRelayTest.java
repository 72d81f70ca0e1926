// Snapshots reach the tray thread newest-first: superseded ones are skipped,
// and the one read at start-up never replaces one the model sent since.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.tray.TraySnapshots.connected;
import static org.upswap.tray.TraySnapshots.offering;
import static org.upswap.tray.TraySnapshots.paused;
import static org.upswap.tray.TraySnapshots.upToDate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.upswap.app.AppSnapshot;

class SnapshotRelayTest {

    /** A tray thread that runs its tasks only when the test says. */
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final List<AppSnapshot> shown = new ArrayList<>();
    private final SnapshotRelay relay = new SnapshotRelay(queued::add, shown::add);

    @Test
    void snapshotsSupersededBeforeTheTrayGotToThemAreSkipped() {
        AppSnapshot first = connected(upToDate("demo"));
        AppSnapshot second = connected(offering("demo", "2.0.0"));
        AppSnapshot third = paused(offering("demo", "2.0.0"));

        relay.changed(first);
        relay.changed(second);
        relay.changed(third);
        runQueued();

        assertThat(shown).containsExactly(third);
    }

    @Test
    void theStartUpSnapshotIsShownWhenNothingNewerCame() {
        AppSnapshot initial = connected(upToDate("demo"));

        relay.initial(initial);
        runQueued();

        assertThat(shown).containsExactly(initial);
    }

    @Test
    void theStartUpSnapshotNeverReplacesOneTheModelSent() {
        AppSnapshot fromModel = connected(offering("demo", "2.0.0"));
        AppSnapshot readAtStart = connected(upToDate("demo"));

        relay.changed(fromModel);
        runQueued();
        relay.initial(readAtStart);
        runQueued();

        assertThat(shown).containsExactly(fromModel);
    }

    @Test
    void laterChangesAreShownInTurn() {
        AppSnapshot a = connected(upToDate("demo"));
        AppSnapshot b = connected(offering("demo", "2.0.0"));

        relay.initial(a);
        runQueued();
        relay.changed(b);
        runQueued();

        assertThat(shown).containsExactly(a, b);
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }
}
