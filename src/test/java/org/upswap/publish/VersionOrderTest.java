// The publisher must rank versions exactly as upswap-helper does; these are
// the cases of helper/tests/test_version.c.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void matchesTheHelpersOrdering() {
        Object[][] cases = {
            {"1.0.0", "1.0.0", 0}, {"1.0", "1.0.0", 0}, {"1.0.1", "1.0.0", 1},
            {"1.10", "1.9", 1}, {"2", "10", -1}, {"1.0.0-rc1", "1.0.0", -1},
            {"1.0.0-rc2", "1.0.0-rc10", 1}, {"1.0.0-1", "1.0.0-2", -1}, {"1.0.0+build5", "1.0.0+build9", 0},
            {"1.0~beta", "1.0", -1}, {"0010.1", "10.1", 0}, {"1.a", "1.1", 1},
            {"99999999999999999999.0", "99999999999999999998.0", 1}, {"3.0.0", "2.99.99", 1},
        };
        for (Object[] c : cases) {
            String a = (String) c[0];
            String b = (String) c[1];
            int want = (int) c[2];
            assertThat(Integer.signum(VersionOrder.INSTANCE.compare(a, b))).as("compare(%s, %s)", a, b).isEqualTo(want);
            assertThat(Integer.signum(VersionOrder.INSTANCE.compare(b, a))).as("compare(%s, %s)", b, a).isEqualTo(-want);
        }
    }

    @Test
    void sortsReleasesOldestToNewest() {
        List<String> expected = List.of("0.9", "1.0~beta.1", "1.0-rc.1", "1.0-rc.2", "1.0", "1.0.1", "1.2", "1.10",
                "2.0.0-rc1", "2.0.0", "10.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));

        shuffled.sort(VersionOrder.INSTANCE);

        assertThat(shuffled).containsExactlyElementsOf(expected);
    }
}
