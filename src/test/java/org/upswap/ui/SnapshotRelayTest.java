package org.upswap.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.ui.Snapshots.connected;
import static org.upswap.ui.Snapshots.target;
import static org.upswap.ui.Snapshots.view;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Permission;

class SnapshotRelayTest {

    /** The UI thread, run by hand: what was handed over waits until the test runs it. */
    final Queue<Runnable> uiThread = new ArrayDeque<>();
    final UpdatesViewModel vm = new UpdatesViewModel(new RecordingActions(), Messages.forLocale(Locale.ENGLISH),
            uiThread::add, Clock.systemUTC(), 1000);
    final SnapshotRelay relay = new SnapshotRelay(vm, uiThread::add);

    @Test
    void nothingReachesTheViewModelOffTheUiThread() {
        relay.changed(connected(Permission.YES, view(target("demo", "1", "2", false))));
        assertThat(vm.targets()).isEmpty();
        runUiThread();
        assertThat(vm.targets()).extracting(TargetItem::name).containsExactly("demo");
    }

    @Test
    void aBurstOfSnapshotsIsDrawnOnceWithTheNewest() {
        relay.changed(connected(Permission.YES, view(target("demo", "1", "2", false))));
        relay.changed(connected(Permission.YES, view(target("demo", "1", "3", false))));
        relay.changed(connected(Permission.YES, view(target("demo", "1", "4", false))));
        assertThat(uiThread).hasSize(1);
        runUiThread();
        assertThat(vm.details().availableProperty().get()).startsWith("4 ");

        relay.changed(connected(Permission.YES, view(target("demo", "1", "5", false))));
        assertThat(uiThread).as("after a drawing, the next snapshot is handed over again").hasSize(1);
    }

    @Test
    void eventsArriveAfterTheSnapshotTheyCaused() {
        var snapshot = connected(Permission.YES, view(target("demo", "1", "2", false)));
        relay.changed(snapshot);
        relay.event(new ErrorEvent("demo", 3L, ErrorCode.DISK_FULL, "no space left for the new binary"), snapshot);
        assertThat(uiThread).hasSize(2);
        uiThread.poll().run();
        assertThat(vm.targets()).hasSize(1);
        assertThat(vm.noticeProperty().get()).isNull();
        uiThread.poll().run();
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Couldn’t update demo. No space left for the new "
                + "binary. Free some disk space and try again.");
    }

    private void runUiThread() {
        while (!uiThread.isEmpty()) {
            uiThread.poll().run();
        }
    }
}
