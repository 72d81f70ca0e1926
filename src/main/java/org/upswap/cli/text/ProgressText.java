// A progress event as text: a bar for a terminal line that is redrawn in
// place, or a sentence for logs.
package org.upswap.cli.text;

import org.upswap.client.model.ProgressEvent;

public final class ProgressText {

    private static final int BAR_WIDTH = 20;

    private ProgressText() {
    }

    /** demo download [########............] 42% 1.7 MiB/4.0 MiB 50.0 MiB/s ETA 0:01 */
    public static String bar(ProgressEvent progress) {
        int percent = percent(progress);
        int filled = percent < 0 ? 0 : percent * BAR_WIDTH / 100;
        String bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
        return Messages.get("progress.bar", progress.target(), progress.phase().wireName(), bar,
                percentText(percent), Units.size(progress.done()), Units.size(progress.total()),
                Units.rate(progress.rate()), eta(progress));
    }

    /** demo: download 42% (1.7 MiB of 4.0 MiB, 50.0 MiB/s, ETA 0:01) */
    public static String line(ProgressEvent progress) {
        return Messages.get("progress.line", progress.target(), progress.phase().wireName(),
                percentText(percent(progress)), Units.size(progress.done()), Units.size(progress.total()),
                Units.rate(progress.rate()), eta(progress));
    }

    /** 0 to 100, or -1 if the total is unknown. */
    public static int percent(ProgressEvent progress) {
        if (progress.total() <= 0) {
            return -1;
        }
        long done = Math.min(Math.max(progress.done(), 0), progress.total());
        return (int) (done * 100 / progress.total());
    }

    private static String percentText(int percent) {
        return percent < 0 ? "?%" : percent + "%";
    }

    private static String eta(ProgressEvent progress) {
        long left = progress.total() - progress.done();
        if (progress.rate() <= 0 || left < 0) {
            return Messages.get("progress.etaUnknown");
        }
        return Units.clock((left + progress.rate() - 1) / progress.rate());
    }
}
