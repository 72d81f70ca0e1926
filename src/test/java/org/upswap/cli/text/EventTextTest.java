// One human line per event, as watch and check --wait print them.
package org.upswap.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

class EventTextTest {

    @Test
    void checksSayWhatWasFound() {
        assertThat(EventText.of(new CheckedEvent("demo", "2.0.0", 12))).isEqualTo("demo: 2.0.0 available (feed serial 12)");
        assertThat(EventText.of(new CheckedEvent("demo", null, 12))).isEqualTo("demo: up to date (feed serial 12)");
    }

    @Test
    void updatesAndRollbacksNameBothVersions() {
        assertThat(EventText.of(new UpdatedEvent("demo", 3, null, "2.0.0", "aa", false, java.util.List.of(), false)))
                .isEqualTo("demo: updated (unknown) -> 2.0.0 (job 3)");
        assertThat(EventText.of(new UpdatedEvent("demo", 4, "2.0.0", "1.0.0", "aa", true, java.util.List.of(), false)))
                .isEqualTo("demo: rolled back 2.0.0 -> 1.0.0 (job 4)");
    }

    @Test
    void errorsCarryTheirCodeExceptNothingToDo() {
        assertThat(EventText.of(new ErrorEvent("demo", 3L, ErrorCode.VERIFY_FAILED, "sha256 differs")))
                .isEqualTo("demo: verify-failed: sha256 differs (job 3)");
        assertThat(EventText.of(new ErrorEvent(null, null, ErrorCode.INTERNAL, "oops")))
                .isEqualTo("error internal: oops");
        assertThat(EventText.of(new ErrorEvent("demo", 1L, ErrorCode.UP_TO_DATE, "demo is up to date at 2.0.0")))
                .isEqualTo("demo: demo is up to date at 2.0.0 (job 1)");
    }
}
