// Flag beats environment beats default, per socket.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketPathsTest {

    @Test
    void withNothingSetTheSocketsAreUnderRun() {
        SocketPaths paths = SocketPaths.resolve(null, null, null, Map.of());

        assertThat(paths.helper()).isEqualTo(Path.of("/run/upswap/helper.sock"));
        assertThat(paths.poke()).isEqualTo(Path.of("/run/upswap/poke.sock"));
    }

    @Test
    void rootPutsBothSocketsUnderIt() {
        SocketPaths paths = SocketPaths.resolve(null, null, Path.of("/tmp/sandbox"), Map.of());

        assertThat(paths.helper()).isEqualTo(Path.of("/tmp/sandbox/run/upswap/helper.sock"));
        assertThat(paths.poke()).isEqualTo(Path.of("/tmp/sandbox/run/upswap/poke.sock"));
    }

    @Test
    void aSocketFlagBeatsRoot() {
        SocketPaths paths = SocketPaths.resolve(Path.of("/x/h.sock"), null, Path.of("/r"), Map.of());

        assertThat(paths.helper()).isEqualTo(Path.of("/x/h.sock"));
        assertThat(paths.poke()).isEqualTo(Path.of("/r/run/upswap/poke.sock"));
    }

    @Test
    void flagsBeatTheEnvironment() {
        Map<String, String> env = Map.of("UPSWAP_SOCKET", "/env/h.sock", "UPSWAP_ROOT", "/envroot");

        SocketPaths paths = SocketPaths.resolve(null, null, Path.of("/flagroot"), env);

        assertThat(paths.helper()).isEqualTo(Path.of("/flagroot/run/upswap/helper.sock"));
        assertThat(paths.poke()).isEqualTo(Path.of("/flagroot/run/upswap/poke.sock"));
    }

    @Test
    void theSocketVariableBeatsTheRootVariable() {
        Map<String, String> env = Map.of("UPSWAP_SOCKET", "/env/h.sock", "UPSWAP_ROOT", "/envroot");

        SocketPaths paths = SocketPaths.resolve(null, null, null, env);

        assertThat(paths.helper()).isEqualTo(Path.of("/env/h.sock"));
        assertThat(paths.poke()).isEqualTo(Path.of("/envroot/run/upswap/poke.sock"));
    }

    @Test
    void emptyVariablesCountAsUnset() {
        SocketPaths paths = SocketPaths.resolve(null, null, null, Map.of("UPSWAP_SOCKET", "", "UPSWAP_ROOT", ""));

        assertThat(paths).isEqualTo(SocketPaths.DEFAULT);
    }
}
