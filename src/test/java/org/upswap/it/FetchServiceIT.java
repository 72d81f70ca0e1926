package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.TargetState;

/**
 * The helper with --fetch-socket, as the package runs it: it downloads
 * nothing itself but asks a socket-activated upswap-fetch --serve, one per
 * connection, handing it the fd to write into. systemd-socket-activate
 * (from systemd) plays upswap-fetch.socket here, with the fetcher as an
 * unprivileged user when the tests run as root; install-test runs the real
 * units.
 */
class FetchServiceIT {
    static final int SIZE = 4 * 1024 * 1024;
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path tmp;
    Path socket;
    Process activator;
    RemoteFixture f;

    @BeforeEach
    void startFetchService() throws Exception {
        socket = tmp.resolve("fetch.sock");
        Path fetcher = Path.of(System.getProperty("upswap.helper")).resolveSibling("upswap-fetch");
        if (ROOT) {
            // The unprivileged fetcher must reach its binary: the build tree may be
            // in a directory only root can enter, so it runs from a copy in here.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            fetcher = Files.copy(fetcher, bin.resolve("upswap-fetch"));
        }
        List<String> cmd = new ArrayList<>(List.of("systemd-socket-activate", "--listen=" + socket, "--accept",
                "--inetd"));
        if (ROOT) {
            // As upswap-fetch@.service's DynamicUser would: not root.
            cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        cmd.addAll(List.of(fetcher.toString(), "--serve"));
        activator = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("fetch-service.log").toFile()).start();
        for (int i = 0; i < 500 && !Files.exists(socket); i++) {
            Thread.sleep(10);
        }
        assertThat(socket).as(log()).exists();
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
        activator.descendants().forEach(ProcessHandle::destroyForcibly);
        activator.destroy();
        activator.waitFor();
    }

    private RemoteFixture fixture(String helperConf, Path fetchSocket) throws Exception {
        Files.createDirectories(tmp.resolve("root"));
        f = new RemoteFixture(tmp.resolve("root"), CrashRecoveryIT.random(SIZE, 1), helperConf);
        f.publish("2.0.0", CrashRecoveryIT.random(SIZE, 2));
        f.sandbox.addArgs("--fetch-socket", fetchSocket.toString());
        f.start();
        return f;
    }

    @Test
    void theServiceDownloadsAndTheHelperNeverDoes() throws Exception {
        fixture(null, socket);
        f.server.slow("app-2.0.0", 2 * 1024 * 1024);
        HelperClient.await(f.client.update("app", "2.0.0", false));
        f.events.await(ProgressEvent.class, p -> p.phase().wireName().equals("download") && p.done() > 0);

        Optional<ProcessHandle> served = servedFetcher("--serve");
        assertThat(served).as("a served upswap-fetch is downloading").isPresent();
        if (ROOT) {
            assertThat(uid(served.get())).as("the served fetcher is not root").isNotZero();
        }
        assertThat(ProcessHandle.of(f.sandbox.pid()).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("upswap-fetch")).toList())
                .as("the helper starts no upswap-fetch of its own").isEmpty();

        Object result = f.events.await(UpdatedEvent.class, e -> true, Duration.ofSeconds(60));
        assertThat(result).as(f.sandbox.log()).isInstanceOf(UpdatedEvent.class);
        assertThat(f.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 2));
        assertThat(Files.readString(Path.of("/proc/" + f.sandbox.pid() + "/maps"))).doesNotContain("libcurl");
        // In one go: the fetcher was not restarted along the way.
        assertThat(f.server.requests("app-2.0.0")).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionIsResumedThroughTheService() throws Exception {
        fixture(null, socket);
        f.server.dropAfter("app-2.0.0", SIZE / 2);
        Object result = f.update("2.0.0");
        assertThat(result).as(f.sandbox.log() + log()).isInstanceOf(UpdatedEvent.class);
        assertThat(f.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 2));
        assertThat(f.server.lastRequestHeaders("app-2.0.0").get("Range")).as("the retry resumes").isNotNull();
    }

    @Test
    void cancellingHangsUpAndTheServedFetcherStops() throws Exception {
        fixture(null, socket);
        f.server.stall("app-2.0.0", 64 * 1024, 60_000);
        long job = HelperClient.await(f.client.update("app", "2.0.0", false)).job();
        // Stalled before the first progress report: the artifact's fetcher is
        // the one running once the target is downloading.
        f.events.await(StateEvent.class, e -> e.target().state() == TargetState.DOWNLOADING);
        for (int i = 0; i < 1000 && servedFetcher("--serve").isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(servedFetcher("--serve")).isPresent();

        assertThat(HelperClient.await(f.client.cancel("app")).cancelled()).contains(job);
        ErrorEvent cancelled = f.events.await(ErrorEvent.class, e -> e.concernsJob(job));
        assertThat(cancelled.code()).isEqualTo(ErrorCode.CANCELLED);
        // The server still holds the transfer open; the fetcher notices the hang-up by itself.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (servedFetcher("--serve").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(servedFetcher("--serve")).as("the served fetcher ended after the hang-up").isEmpty();
        assertThat(f.installedBytes()).isEqualTo(f.installed);
    }

    @Test
    void aMissingServiceIsAClearErrorAndChangesNothing() throws Exception {
        fixture("download_retries = 0\n", tmp.resolve("no-such.sock"));
        Object result = f.update("2.0.0");
        assertThat(result).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) result).message()).contains("upswap-fetch.socket").contains("cannot be reached");
        assertThat(f.sandbox.log()).contains("no-such.sock");
        assertThat(f.installedBytes()).isEqualTo(f.installed);
    }

    @Test
    void aRequestWithoutAFileToWriteIntoIsRefused() throws Exception {
        try (UnixSocketChannel ch = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()))) {
            ch.write(ByteBuffer.wrap("--url\0http://127.0.0.1:9/x\0--max-bytes\0010\0\0".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer reply = ByteBuffer.allocate(1024);
            assertThat(ch.read(reply)).as("hung up without a report").isEqualTo(-1);
        }
        for (int i = 0; i < 500 && !log().contains("carried no fd"); i++) {
            Thread.sleep(10);
        }
        assertThat(log()).contains("upswap-fetch: the request carried no fd to write the body into");
    }

    @Test
    void anEndlessRequestIsCutOff() throws Exception {
        try (UnixSocketChannel ch = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()))) {
            byte[] arg = new byte[1000];
            java.util.Arrays.fill(arg, (byte) 'a');
            try {
                for (int i = 0; i < 8; i++) {
                    ch.write(ByteBuffer.wrap(arg));
                }
            } catch (IOException hungUp) {
                // It stopped reading at its limit.
            }
            int read;
            try {
                read = ch.read(ByteBuffer.allocate(1024));
            } catch (IOException reset) {
                read = -1; // closed with our bytes unread: a reset, not an end
            }
            assertThat(read).as("hung up without a report").isEqualTo(-1);
        }
        for (int i = 0; i < 500 && !log().contains("larger than"); i++) {
            Thread.sleep(10);
        }
        assertThat(log()).contains("upswap-fetch: the request is larger than 4096 bytes");
    }

    /** An upswap-fetch started by the socket activator (setpriv execs into it). */
    private Optional<ProcessHandle> servedFetcher(String arg) {
        return activator.descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("upswap-fetch"))
                .filter(p -> List.of(p.info().arguments().orElse(new String[0])).contains(arg)).findFirst();
    }

    private static long uid(ProcessHandle p) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                .filter(l -> l.startsWith("Uid:")).map(l -> Long.parseLong(l.split("\\s+")[2]))
                .findFirst().orElseThrow();
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("fetch-service.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
