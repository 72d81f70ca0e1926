// Menu labels without their mnemonic marks, for toolkits without mnemonics.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MnemonicsTest {

    @Test
    void marksGoAndDoubledUnderscoresStayAsOne() {
        assertThat(Mnemonics.strip("_Check now")).isEqualTo("Check now");
        assertThat(Mnemonics.strip("S_ettings…")).isEqualTo("Settings…");
        assertThat(Mnemonics.strip("my__tool _x")).isEqualTo("my_tool x");
        assertThat(Mnemonics.strip("trailing_")).isEqualTo("trailing");
    }
}
