// Column alignment of the CLI's tables.
package org.upswap.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsArePaddedToTheWidestCellWithoutTrailingBlanks() {
        Table table = new Table("NAME", "STATE").row("demo", "idle").row("a-long-name", "x");

        assertThat(table.lines()).containsExactly(
                "NAME         STATE",
                "demo         idle",
                "a-long-name  x");
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
