// Pokes over a real datagram socket.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class PokeSenderTest {

    @TempDir
    Path dir;

    @Test
    void sendsOneDatagramOfOneByte() throws Exception {
        Path socket = dir.resolve("poke.sock");
        try (UnixDatagramChannel receiver = UnixDatagramChannel.open()) {
            receiver.bind(new UnixSocketAddress(socket.toFile()));

            new PokeSender(socket).poke();

            ByteBuffer received = ByteBuffer.allocate(16);
            receiver.receive(received);
            assertThat(received.position()).isEqualTo(1);
        }
    }

    @Test
    void aMissingSocketIsUnavailable() {
        Path socket = dir.resolve("absent.sock");

        assertThatThrownBy(() -> new PokeSender(socket).poke())
                .isInstanceOfSatisfying(HelperUnavailableException.class, e -> {
                    assertThat(e.socket()).isEqualTo(socket);
                    assertThat(e.getMessage()).contains(socket.toString());
                });
    }
}
