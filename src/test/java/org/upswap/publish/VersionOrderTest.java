// The publisher must rank versions exactly as upswap-helper does: both are
// checked against the version_order cases of docs/protocol/examples.json.
package org.upswap.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.upswap.testing.ProtocolFixture;

class VersionOrderTest {

    @Test
    void matchesTheHelpersOrdering() {
        JsonNode cases = ProtocolFixture.get("version_order");
        assertThat(cases.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode c : cases) {
            String a = c.get(0).asText();
            String b = c.get(1).asText();
            int want = c.get(2).asInt();
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
