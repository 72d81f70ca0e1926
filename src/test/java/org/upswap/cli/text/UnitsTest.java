// Sizes, rates and durations as the CLI prints them.
package org.upswap.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertThat(Units.size(0)).isEqualTo("0 B");
        assertThat(Units.size(1023)).isEqualTo("1023 B");
        assertThat(Units.size(1024)).isEqualTo("1.0 KiB");
        assertThat(Units.size(18312)).isEqualTo("17.9 KiB");
        assertThat(Units.size(1048575)).isEqualTo("1.0 MiB");
        assertThat(Units.size(4194304)).isEqualTo("4.0 MiB");
        assertThat(Units.size(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(Units.size(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
        assertThat(Units.rate(52428800)).isEqualTo("50.0 MiB/s");
    }

    @Test
    void clocksAndSpans() {
        assertThat(Units.clock(5)).isEqualTo("0:05");
        assertThat(Units.clock(754)).isEqualTo("12:34");
        assertThat(Units.clock(3723)).isEqualTo("1:02:03");
        assertThat(Units.span(45)).isEqualTo("45s");
        assertThat(Units.span(725)).isEqualTo("12m 5s");
        assertThat(Units.span(3600)).isEqualTo("1h 0m");
        assertThat(Units.span(187_200)).isEqualTo("2d 4h");
    }
}
