// Sends a poke: one datagram to the helper's poke socket, meaning "please
// check for updates soon". Any user may; the helper rate-limits it.
package org.upswap.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

public final class PokeSender {

    private final Path pokeSocket;

    public PokeSender(Path pokeSocket) {
        this.pokeSocket = Objects.requireNonNull(pokeSocket, "pokeSocket");
    }

    /**
     * Sends one poke. Success means the helper's socket took the datagram,
     * not that a check will run (a check that ran recently absorbs it).
     *
     * @throws HelperUnavailableException if no socket exists there or nobody is bound to it
     */
    public void poke() throws HelperUnavailableException {
        // The content is ignored by the helper; one byte is the smallest datagram that reads as intentional.
        ByteBuffer poke = ByteBuffer.wrap(new byte[] {'!'});
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            int sent = channel.send(poke, new UnixSocketAddress(pokeSocket.toFile()));
            if (sent != 1) {
                throw new IOException("the socket did not take the datagram");
            }
        } catch (IOException e) {
            throw new HelperUnavailableException(pokeSocket,
                    "cannot poke upswap-helper at " + pokeSocket + ": " + e.getMessage(), e);
        }
    }

    public Path pokeSocket() {
        return pokeSocket;
    }
}
