// Range headers as RFC 9110 spells them, and the malformed ones that must
// fall back to the whole file.
package org.upswap.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theThreeFormsOfASingleRange() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).as("clipped to the end").isEqualTo(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
    }

    @Test
    void unsatisfiableRanges() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    @Test
    void anythingElseMeansTheWholeFile() {
        assertThat(ByteRange.parse(null, 1000)).isNull();
        assertThat(ByteRange.parse("items=0-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=5-1", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=-", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=a-b", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=+1-2", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,3-4", 1000)).isNull();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 1000)).isNull();
    }
}
