// HelperClient's mechanics against a scripted helper on a real Unix socket:
// hello, id matching, refusals, timeouts, the line cap, events, hang-ups.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.JobStarted;
import org.upswap.client.model.TargetList;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Protocol;
import org.upswap.client.protocol.RequestKind;
import org.upswap.testing.ScriptedHelper;

@Timeout(20)
class HelperClientTest {

    private static final String STATUS = "{\"version\":\"0.1.0\",\"state\":\"idle\",\"uptime\":5,\"job\":null,"
            + "\"queue\":0,\"stats\":{\"checks\":1,\"pokes\":2,\"pokes_ignored\":1,\"updates\":0,\"rollbacks\":0,"
            + "\"errors\":0},\"targets\":[]}";
    private static final String CHECKED = "{\"kind\":\"event\",\"event\":\"checked\",\"target\":\"demo\","
            + "\"available\":\"2.0.0\",\"serial\":N}";

    @TempDir
    Path dir;

    private ScriptedHelper helper;
    private HelperClient client;

    @BeforeEach
    void startHelper() throws IOException {
        helper = ScriptedHelper.start(dir.resolve("helper.sock"));
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        helper.close();
    }

    @Test
    void connectSaysHelloFirstWithOurProtocolAndName() throws Exception {
        client = HelperClient.connect(helper.socket(), ClientOptions.defaults().withClientName("test-client 1"));

        JsonNode hello = helper.requests().get(0);
        assertThat(hello.get("kind").asText()).isEqualTo("hello");
        assertThat(hello.get("protocol").asInt()).isEqualTo(Protocol.VERSION);
        assertThat(hello.get("client").asText()).isEqualTo("test-client 1");
        assertThat(client.hello().helper()).isEqualTo("0.1.0");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aProtocolVersionRefusalFailsConnectWithThatCode() {
        helper.refuse("hello", "protocol-version", "this helper speaks protocol 2");

        assertThatThrownBy(() -> HelperClient.connect(helper.socket()))
                .isInstanceOfSatisfying(HelperException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_VERSION);
                    assertThat(e.getMessage()).contains("protocol 1").contains("this helper speaks protocol 2");
                });
    }

    @Test
    void aHelloAnsweredWithAnotherProtocolIsRefused() {
        helper.reply("hello", ScriptedHelper.HELLO_RESULT.replace("\"protocol\":1", "\"protocol\":2"));

        assertThatThrownBy(() -> HelperClient.connect(helper.socket()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("protocol 2");
    }

    @Test
    void aMissingSocketIsUnavailableAndNamesThePath() {
        Path missing = dir.resolve("nothing.sock");

        assertThatThrownBy(() -> HelperClient.connect(missing))
                .isInstanceOfSatisfying(HelperUnavailableException.class, e -> {
                    assertThat(e.socket()).isEqualTo(missing);
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }

    @Test
    void aSocketNobodyListensOnIsUnavailable() throws Exception {
        // What a helper that died leaves behind: the socket file, with nobody accepting.
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }

        assertThat(stale).exists();
        assertThatThrownBy(() -> HelperClient.connect(stale))
                .isInstanceOf(HelperUnavailableException.class).hasMessageContaining("refused");
    }

    @Test
    void helloThatIsNeverAnsweredTimesOutAsUnavailable() {
        helper.on("hello", (request, connection) -> { });

        assertThatThrownBy(() -> HelperClient.connect(helper.socket(),
                ClientOptions.defaults().withRequestTimeout(Duration.ofMillis(200))))
                .isInstanceOf(HelperUnavailableException.class).hasMessageContaining("'hello' within 200 ms");
    }

    @Test
    void repliesAreMatchedByIdEvenOutOfOrder() throws Exception {
        helper.on("status", (request, connection) -> { });
        helper.on("list-targets", (request, connection) -> { });
        client = HelperClient.connect(helper.socket());

        CompletableFuture<HelperStatus> status = client.status();
        CompletableFuture<TargetList> list = client.listTargets();
        JsonNode statusRequest = helper.awaitRequest("status");
        JsonNode listRequest = helper.awaitRequest("list-targets");
        ScriptedHelper.Connection connection = helper.awaitConnection();
        connection.reply(listRequest, "{\"targets\":[]}");
        connection.reply(statusRequest, STATUS);

        assertThat(statusRequest.get("id").asLong()).isNotEqualTo(listRequest.get("id").asLong());
        assertThat(status.get(5, TimeUnit.SECONDS).uptime()).isEqualTo(5);
        assertThat(list.get(5, TimeUnit.SECONDS).targets()).isEmpty();
    }

    @Test
    void aRefusalFailsThatRequestWithCodeAndMessageAndKeepsTheConnection() throws Exception {
        helper.refuse("update", "not-authorized", "uid 1000 may not update demo");
        helper.reply("status", STATUS);
        client = HelperClient.connect(helper.socket());

        assertThatThrownBy(() -> client.call(Request.update("demo", null, false)))
                .isInstanceOfSatisfying(HelperException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
                    assertThat(e.getMessage()).isEqualTo("uid 1000 may not update demo");
                });
        assertThat(client.call(Request.status()).version()).isEqualTo("0.1.0");
    }

    @Test
    void anUnansweredRequestTimesOutAndALateAnswerIsIgnored() throws Exception {
        helper.on("status", (request, connection) -> { });
        helper.reply("list-targets", "{\"targets\":[]}");
        client = HelperClient.connect(helper.socket(), ClientOptions.defaults().withRequestTimeout(Duration.ofMillis(150)));

        assertThatThrownBy(() -> client.call(Request.status()))
                .isInstanceOfSatisfying(HelperTimeoutException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RequestKind.STATUS);
                    assertThat(e.getMessage()).contains("'status' within 150 ms");
                });
        JsonNode late = helper.awaitRequest("status");
        helper.awaitConnection().reply(late, STATUS);

        assertThat(client.call(Request.listTargets()).targets()).isEmpty();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void requestsThatMayPromptForAPasswordOutwaitTheShortTimeout() throws Exception {
        helper.on("update", (request, connection) -> { });
        client = HelperClient.connect(helper.socket(), ClientOptions.defaults().withRequestTimeout(Duration.ofMillis(100)));

        var update = client.update("demo", null, false);
        JsonNode request = helper.awaitRequest("update");
        Thread.sleep(400); // four times the ordinary timeout: polkit may be asking for a password
        assertThat(update).isNotDone();
        helper.awaitConnection().reply(request, "{\"job\":7}");
        assertThat(HelperClient.await(update).job()).isEqualTo(7);
        assertThat(RequestKind.UPDATE.mayWaitForAuthentication()).isTrue();
        assertThat(RequestKind.STATUS.mayWaitForAuthentication()).isFalse();
    }

    @Test
    void aLineOverOneMebibyteEndsTheConnectionWithAClearError() throws Exception {
        helper.on("status", (request, connection) -> {
            String padding = "x".repeat(Protocol.MAX_HELPER_LINE_BYTES);
            connection.send(ScriptedHelper.replyLine(request.get("id").asLong(),
                    STATUS.replace("\"0.1.0\"", "\"" + padding + "\"")));
        });
        client = HelperClient.connect(helper.socket());
        Disconnects disconnects = new Disconnects();
        client.addListener(disconnects);

        assertThatThrownBy(() -> client.call(Request.status()))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than the limit of " + Protocol.MAX_HELPER_LINE_BYTES + " bytes");
        assertThat(disconnects.reasons.poll(5, TimeUnit.SECONDS)).isInstanceOf(ProtocolException.class);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void eventsReachListenersInOrderOnTheDispatchThread() throws Exception {
        client = HelperClient.connect(helper.socket());
        List<String> threads = new CopyOnWriteArrayList<>();
        BlockingQueue<HelperEvent> events = new LinkedBlockingQueue<>();
        client.addListener(event -> {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        });
        client.call(Request.subscribe());

        for (int serial = 1; serial <= 20; serial++) {
            helper.broadcast(CHECKED.replace("N", Integer.toString(serial)));
        }

        for (int serial = 1; serial <= 20; serial++) {
            int expected = serial;
            assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(CheckedEvent.class,
                    checked -> assertThat(checked.serial()).isEqualTo(expected));
        }
        assertThat(threads).containsOnly("upswap-client-dispatch");
    }

    @Test
    void aReplyIsDeliveredBeforeTheEventsSentAfterIt() throws Exception {
        helper.on("update", (request, connection) -> {
            connection.reply(request, "{\"job\":3}");
            connection.send(CHECKED.replace("N", "1"));
        });
        client = HelperClient.connect(helper.socket());
        CountDownLatch sent = new CountDownLatch(1);
        AtomicReference<CompletableFuture<JobStarted>> reply = new AtomicReference<>();
        BlockingQueue<Boolean> replyDoneAtEvent = new LinkedBlockingQueue<>();
        client.addListener(event -> {
            try {
                sent.await();
                replyDoneAtEvent.add(reply.get().isDone());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        client.call(Request.subscribe());

        reply.set(client.update("demo", null, false));
        sent.countDown();

        assertThat(replyDoneAtEvent.poll(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whenTheHelperHangsUpPendingRequestsFailAndListenersHear() throws Exception {
        helper.on("status", (request, connection) -> connection.close());
        client = HelperClient.connect(helper.socket());
        Disconnects disconnects = new Disconnects();
        client.addListener(disconnects);

        assertThatThrownBy(() -> client.call(Request.status()))
                .isInstanceOf(HelperUnavailableException.class)
                .hasMessageContaining("closed the connection");
        assertThat(disconnects.reasons.poll(5, TimeUnit.SECONDS)).isInstanceOf(HelperUnavailableException.class);
        assertThatThrownBy(() -> client.call(Request.status())).isInstanceOf(HelperUnavailableException.class);
    }

    @Test
    void closeIsIdempotentFailsPendingRequestsAndTellsListenersNothing() throws Exception {
        helper.on("status", (request, connection) -> { });
        client = HelperClient.connect(helper.socket());
        Disconnects disconnects = new Disconnects();
        client.addListener(disconnects);
        CompletableFuture<HelperStatus> pending = client.status();
        helper.awaitRequest("status");

        client.close();
        client.close();

        assertThatThrownBy(() -> HelperClient.await(pending)).isInstanceOf(HelperUnavailableException.class);
        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> client.call(Request.status())).isInstanceOf(HelperUnavailableException.class);
        assertThat(disconnects.reasons.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    /** Collects onDisconnected reasons. */
    private static final class Disconnects implements HelperListener {

        final BlockingQueue<IOException> reasons = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(HelperEvent event) {
        }

        @Override
        public void onDisconnected(IOException reason) {
            reasons.add(reason);
        }
    }
}
