// A stand-in for upswap-helper on a real Unix stream socket, answering by a
// script the test sets up. It exists to test client mechanics (id matching,
// timeouts, oversize lines, events, reconnects); the real helper is covered
// by the integration tests. It uses the JDK's own Unix socket support, not
// jnr, so client and server do not share an implementation.
package org.upswap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

public final class ScriptedHelper implements AutoCloseable {

    /** A hello result like the fixture's. */
    public static final String HELLO_RESULT = "{\"protocol\":1,\"helper\":\"0.1.0\","
            + "\"peer\":{\"uid\":1000,\"pid\":4242},\"actions\":{\"check\":\"yes\",\"update\":\"yes\","
            + "\"downgrade\":\"auth\",\"rollback\":\"auth\",\"configure\":\"no\"}}";

    private static final long WAIT_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the helper does with one request kind. */
    @FunctionalInterface
    public interface Responder {
        void respond(JsonNode request, Connection connection) throws IOException;
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final Map<String, Integer> claimed = new HashMap<>();
    private volatile boolean closed;

    private ScriptedHelper(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        reply("hello", HELLO_RESULT);
        reply("subscribe", "{\"subscribed\":true}");
        Thread acceptor = new Thread(this::acceptLoop, "scripted-helper-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on {@code socket}; answers hello and subscribe, nothing else until told. */
    public static ScriptedHelper start(Path socket) throws IOException {
        return new ScriptedHelper(socket);
    }

    public Path socket() {
        return socket;
    }

    public ScriptedHelper on(String kind, Responder responder) {
        responders.put(kind, responder);
        return this;
    }

    /** Answers every {@code kind} request with {@code resultJson}. */
    public ScriptedHelper reply(String kind, String resultJson) {
        return on(kind, (request, connection) -> connection.reply(request, resultJson));
    }

    /** Refuses every {@code kind} request with an error. */
    public ScriptedHelper refuse(String kind, String code, String message) {
        return on(kind, (request, connection) -> connection.send(errorLine(request.get("id").asLong(), code, message)));
    }

    /** Sends {@code line} to every connection that subscribed. */
    public void broadcast(String line) throws IOException {
        for (Connection connection : connections) {
            if (connection.subscribed) {
                connection.send(line);
            }
        }
    }

    /** The next request of {@code kind} not returned before; fails after 5 s. */
    public JsonNode awaitRequest(String kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (received) {
            while (true) {
                int skip = claimed.getOrDefault(kind, 0);
                for (JsonNode request : received) {
                    if (kind.equals(request.path("kind").asText()) && skip-- == 0) {
                        claimed.merge(kind, 1, Integer::sum);
                        return request;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + kind + "' request within " + WAIT_SECONDS + " s; got " + received);
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
        }
    }

    /** Every request received so far, in order. */
    public List<JsonNode> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The most recent connection; waits up to 5 s for one. */
    public Connection awaitConnection() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (connections.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(5);
        }
        return connections.get(connections.size() - 1);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Hangs up on every client but keeps listening. */
    public void dropConnections() {
        connections.forEach(Connection::close);
    }

    /** Stops listening, hangs up on everyone and removes the socket file, like a helper that exits. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
        Files.deleteIfExists(socket);
    }

    public static String replyLine(long id, String resultJson) {
        return "{\"id\":" + id + ",\"kind\":\"reply\",\"result\":" + resultJson + "}";
    }

    public static String errorLine(Long id, String code, String message) {
        try {
            return "{\"id\":" + id + ",\"kind\":\"error\",\"code\":\"" + code + "\",\"message\":"
                    + JSON.writeValueAsString(message) + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Connection connection = new Connection(server.accept());
                connections.add(connection);
                Thread reader = new Thread(connection::readLoop, "scripted-helper-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One accepted client. */
    public final class Connection {

        private final SocketChannel channel;
        private volatile boolean subscribed;

        private Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** Sends one line; the newline is added. */
        public void send(String line) throws IOException {
            sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        public void sendRaw(byte[] bytes) throws IOException {
            synchronized (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }

        public void reply(JsonNode request, String resultJson) throws IOException {
            send(replyLine(request.get("id").asLong(), resultJson));
        }

        public boolean subscribed() {
            return subscribed;
        }

        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Already gone.
            }
        }

        private void readLoop() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            try {
                while (channel.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        byte b = buffer.get();
                        if (b != '\n') {
                            line.write(b);
                            continue;
                        }
                        handle(JSON.readTree(line.toByteArray()));
                        line.reset();
                    }
                }
            } catch (IOException e) {
                // The client or the test hung up.
            } finally {
                close();
            }
        }

        private void handle(JsonNode request) throws IOException {
            String kind = request.path("kind").asText();
            if (kind.equals("subscribe")) {
                // Before the request is recorded: a test that saw it may broadcast at once.
                subscribed = true;
            }
            synchronized (received) {
                received.add(request);
                received.notifyAll();
            }
            Responder responder = responders.get(kind);
            if (responder != null) {
                responder.respond(request, this);
            }
        }
    }
}
