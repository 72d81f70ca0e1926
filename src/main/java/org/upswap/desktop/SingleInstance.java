// One desktop app per user: the first to start holds a lock file in the
// user's runtime directory and listens on a Unix socket next to it; a second
// start finds the lock taken, asks the first to show its window and exits.
// The directory is the user's own (0700), so only the user can ask.
package org.upswap.desktop;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

final class SingleInstance implements AutoCloseable {

    /** What a second start may ask of the first: a closed set, matched exactly. */
    enum Request {
        SHOW("show");

        private final String word;

        Request(String word) {
            this.word = word;
        }

        static Optional<Request> parse(String line) {
            for (Request r : values()) {
                if (r.word.equals(line)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    private static final Logger LOG = System.getLogger(SingleInstance.class.getName());
    /** Longer than any request; read no further. */
    private static final int MAX_REQUEST = 32;
    /** How long a second start keeps trying while the first is still starting up. */
    private static final long ASK_PATIENCE_MILLIS = 3000;

    private final FileChannel lockFile;
    private final FileLock lock;
    private final Path socketPath;
    private ServerSocketChannel server;

    private SingleInstance(FileChannel lockFile, FileLock lock, Path socketPath) {
        this.lockFile = lockFile;
        this.lock = lock;
        this.socketPath = socketPath;
    }

    /**
     * {@code $XDG_RUNTIME_DIR/upswap}, or {@code /tmp/upswap-USER} without
     * one; created private to the user.
     */
    static Path directory(Map<String, String> env) throws IOException {
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && runtime.startsWith("/")
                ? Path.of(runtime, "upswap")
                : Path.of(System.getProperty("java.io.tmpdir"), "upswap-" + System.getProperty("user.name"));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        // In a shared /tmp someone else could have made it first: never use theirs.
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                || !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                        .equals(PosixFilePermissions.fromString("rwx------"))) {
            throw new IOException(dir + " must be a directory of this user with mode 0700");
        }
        return dir;
    }

    /** This process is the one instance, or empty if another holds the lock. */
    static Optional<SingleInstance> claim(Path dir) throws IOException {
        FileChannel file = FileChannel.open(dir.resolve("desktop.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            file.close();
            return Optional.empty();
        }
        return Optional.of(new SingleInstance(file, lock, dir.resolve("desktop.sock")));
    }

    /** Asks the running instance to do {@code request}; false if it does not answer. */
    static boolean ask(Path dir, Request request) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ASK_PATIENCE_MILLIS;
        while (true) {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("desktop.sock")))) {
                channel.write(StandardCharsets.US_ASCII.encode(request.word + "\n"));
                return true;
            } catch (IOException notYet) {
                // The other instance holds the lock but may not listen yet.
                if (System.currentTimeMillis() > deadline) {
                    return false;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Starts listening; {@code handler} runs on the listener's thread for each request. */
    void listen(Consumer<Request> handler) throws IOException {
        Files.deleteIfExists(socketPath); // left by an instance that crashed; we hold the lock now
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Thread listener = new Thread(() -> serve(handler), "upswap-instance");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
                Files.deleteIfExists(socketPath);
            }
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "instance: closing: " + e);
        }
    }

    private void serve(Consumer<Request> handler) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST);
                while (buffer.hasRemaining() && client.read(buffer) > 0) {
                    if (buffer.get(buffer.position() - 1) == '\n') {
                        break;
                    }
                }
                String line = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
                Optional<Request> request = Request.parse(line);
                if (request.isPresent()) {
                    LOG.log(Level.INFO, "another start asked to " + line);
                    handler.accept(request.get());
                } else {
                    LOG.log(Level.WARNING, "instance: ignoring a request it does not know");
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.DEBUG, () -> "instance: " + e);
                }
            }
        }
    }
}
