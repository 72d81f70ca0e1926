// The reconnect delays: doubling, capped.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDefaultDoublesFromOneHundredMillisecondsToFiveSeconds() {
        assertThat(IntStream.range(0, 9).mapToObj(Backoff.DEFAULT::delay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void manyFailuresStayAtTheCap() {
        assertThat(Backoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
