// DesktopActions that only remember what was asked of them, in order.
package org.upswap.tray;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.upswap.app.DesktopActions;

final class RecordingActions implements DesktopActions {

    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

    @Override
    public void showUpdates() {
        calls.add("showUpdates");
    }

    @Override
    public void showTarget(String target) {
        calls.add("showTarget " + target);
    }

    @Override
    public void showSettings() {
        calls.add("showSettings");
    }

    @Override
    public void quit() {
        calls.add("quit");
    }

    /** What askBeforeDownloading() answers (a metered connection). */
    volatile boolean metered;

    @Override
    public boolean askBeforeDownloading() {
        return metered;
    }

    @Override
    public void updateInWindow(String target) {
        calls.add("updateInWindow " + target);
    }

    /** The next call, waiting up to 5 s; null if none came. */
    String next() throws InterruptedException {
        return calls.poll(5, TimeUnit.SECONDS);
    }
}
