// Durations on the command line: a number and a unit, nothing else.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsEveryUnit() {
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationConverter.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(DurationConverter.parse("2w")).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void refusesNumbersWithoutAUnitZeroAndNonsense() {
        for (String bad : new String[] {"30", "0s", "-5s", "1.5h", "d", "10 s", ""}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad)
                    .isInstanceOf(TypeConversionException.class).hasMessageContaining("is not a duration");
        }
    }
}
