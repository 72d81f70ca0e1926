// The progress bar and the progress sentence.
package org.upswap.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.protocol.ProgressPhase;

class ProgressTextTest {

    @Test
    void aBarShowsShareSizesRateAndTimeLeft() {
        ProgressEvent progress = new ProgressEvent("demo", 3, ProgressPhase.DOWNLOAD, 1048576, 4194304, 1048576);

        assertThat(ProgressText.bar(progress)).isEqualTo(
                "demo download [#####...............] 25% 1.0 MiB/4.0 MiB 1.0 MiB/s ETA 0:03");
    }

    @Test
    void anUnknownTotalOrRateIsShownAsUnknown() {
        ProgressEvent progress = new ProgressEvent("demo", 3, ProgressPhase.INSTALL, 10, 0, 0);

        assertThat(ProgressText.percent(progress)).isEqualTo(-1);
        assertThat(ProgressText.line(progress)).isEqualTo("demo: install ?% (10 B of 0 B, 0 B/s, ETA --:--)");
    }
}
