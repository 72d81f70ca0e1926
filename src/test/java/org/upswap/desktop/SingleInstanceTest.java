// One app per user: a second claim fails while the first holds the lock, a
// second start's request reaches the first, and nothing else does.
package org.upswap.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SingleInstanceTest {

    @TempDir
    Path runtime;

    @Test
    void aSecondClaimFailsUntilTheFirstIsClosed() throws Exception {
        Path dir = SingleInstance.directory(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        Optional<SingleInstance> first = SingleInstance.claim(dir);
        assertThat(first).isPresent();
        assertThat(SingleInstance.claim(dir)).isEmpty();

        first.get().close();
        Optional<SingleInstance> again = SingleInstance.claim(dir);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void aSecondStartAsksTheFirstToShowItsWindow() throws Exception {
        Path dir = SingleInstance.directory(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        BlockingQueue<SingleInstance.Request> requests = new LinkedBlockingQueue<>();
        try (SingleInstance first = SingleInstance.claim(dir).orElseThrow()) {
            first.listen(requests::add);
            sendRaw(dir, "reformat-disk\n");
            assertThat(SingleInstance.ask(dir, SingleInstance.Request.SHOW)).isTrue();

            assertThat(requests.poll(5, TimeUnit.SECONDS)).isEqualTo(SingleInstance.Request.SHOW);
            assertThat(requests.poll(200, TimeUnit.MILLISECONDS)).as("the unknown request was ignored").isNull();
        }
    }

    @Test
    void nobodyAnsweringIsReportedAfterAWhile() throws Exception {
        Path dir = SingleInstance.directory(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        // Holds the lock but never listens, like an instance that hangs while starting.
        SingleInstance first = SingleInstance.claim(dir).orElseThrow();
        try {
            assertThat(SingleInstance.ask(dir, SingleInstance.Request.SHOW)).isFalse();
        } finally {
            first.close();
        }
    }

    @Test
    void theDirectoryIsPrivateAndAnotherModeIsRefused() throws Exception {
        Path dir = SingleInstance.directory(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertThat(dir).isEqualTo(runtime.resolve("upswap"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> SingleInstance.directory(Map.of("XDG_RUNTIME_DIR", runtime.toString())))
                .isInstanceOf(IOException.class).hasMessageContaining("0700");
    }

    private static void sendRaw(Path dir, String text) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("desktop.sock")))) {
            channel.write(StandardCharsets.US_ASCII.encode(text));
        }
    }
}
