package org.upswap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadGateTest {

    @TempDir
    Path dir;

    @Test
    void asksOnlyOnAMeteredConnectionAndOnlyWhileTheSettingsSaySo() throws Exception {
        Settings settings = Settings.load(dir.resolve("settings.properties"));
        AtomicBoolean metered = new AtomicBoolean();
        DownloadGate gate = DownloadGate.metered(settings, metered::get);

        assertThat(settings.meteredPolicy()).as("asking is the default").isEqualTo(MeteredPolicy.ASK_FIRST);
        assertThat(gate.askFirst()).isFalse();
        metered.set(true);
        assertThat(gate.askFirst()).isTrue();

        settings.update(settings.values().withMeteredPolicy(MeteredPolicy.DOWNLOAD_ANYWAY));
        assertThat(gate.askFirst()).as("the user chose to download anyway").isFalse();
    }
}
