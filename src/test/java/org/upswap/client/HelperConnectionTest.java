// The reconnecting wrapper against a scripted helper that goes away and
// comes back on the same socket path.
package org.upswap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.testing.ScriptedHelper;

@Timeout(20)
class HelperConnectionTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(40));
    private static final String CHECKED = "{\"kind\":\"event\",\"event\":\"checked\",\"target\":\"demo\","
            + "\"available\":null,\"serial\":N}";

    @TempDir
    Path dir;

    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final Recorder recorder = new Recorder();
    private ScriptedHelper helper;
    private HelperConnection connection;

    @AfterEach
    void stop() throws IOException {
        if (connection != null) {
            connection.close();
        }
        scheduler.shutdownNow();
        if (helper != null) {
            helper.close();
        }
    }

    @Test
    void reconnectsAfterTheHelperRestartsAndSubscribesAgain() throws Exception {
        Path socket = dir.resolve("helper.sock");
        helper = ScriptedHelper.start(socket);
        connection = new HelperConnection(socket, ClientOptions.defaults(), FAST, scheduler);
        connection.addListener(recorder);
        connection.subscribe();
        connection.start();

        assertThat(recorder.nextState()).isInstanceOf(ConnectionState.Connected.class);
        helper.awaitRequest("subscribe");
        helper.broadcast(CHECKED.replace("N", "1"));
        assertThat(recorder.nextSerial()).isEqualTo(1);

        helper.close();
        assertThat(recorder.nextState()).isInstanceOfSatisfying(ConnectionState.Disconnected.class,
                down -> assertThat(down.reason()).contains("closed the connection"));
        assertThat(connection.client()).isEmpty();

        helper = ScriptedHelper.start(socket);
        assertThat(recorder.awaitConnected().hello().helper()).isEqualTo("0.1.0");
        helper.awaitRequest("hello");
        helper.awaitRequest("subscribe");
        helper.broadcast(CHECKED.replace("N", "2"));
        assertThat(recorder.nextSerial()).isEqualTo(2);
        assertThat(connection.client()).isPresent();
        assertThat(recorder.threads).containsOnly(scheduler.threadName());
    }

    @Test
    void startsWithoutAHelperAndConnectsWhenOneAppears() throws Exception {
        Path socket = dir.resolve("helper.sock");
        connection = new HelperConnection(socket, ClientOptions.defaults(), FAST, scheduler);
        connection.addListener(recorder);
        connection.start();

        assertThat(recorder.nextState()).isInstanceOfSatisfying(ConnectionState.Disconnected.class, down -> {
            assertThat(down.reason()).contains(socket.toString()).contains("No such file");
            assertThat(down.retryIn()).isEqualTo(FAST.initial());
        });
        assertThatThrownBy(() -> HelperClient.await(connection.send(Request.status())))
                .isInstanceOf(HelperUnavailableException.class);

        helper = ScriptedHelper.start(socket);
        recorder.awaitConnected();
        assertThat(helper.requests()).extracting(request -> request.get("kind").asText())
                .doesNotContain("subscribe");
    }

    @Test
    void retriesBackOffToTheCapAndReportTheSameOutageOnce() throws Exception {
        connection = new HelperConnection(dir.resolve("absent.sock"), ClientOptions.defaults(), FAST, scheduler);
        connection.addListener(recorder);
        connection.start();

        List<Long> delays = scheduler.awaitDelays(7);
        connection.close();

        assertThat(delays.subList(0, 7)).containsExactly(5L, 10L, 20L, 40L, 40L, 40L, 40L);
        assertThat(recorder.states).hasSize(1);
    }

    @Test
    void closeStopsReconnecting() throws Exception {
        Path socket = dir.resolve("helper.sock");
        helper = ScriptedHelper.start(socket);
        connection = new HelperConnection(socket, ClientOptions.defaults(), FAST, scheduler);
        connection.addListener(recorder);
        connection.start();
        recorder.awaitConnected();

        connection.close();
        helper.close();
        helper = ScriptedHelper.start(socket);

        assertThat(recorder.states.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(helper.connectionCount()).isZero();
    }

    /** Runs retries at once but remembers the delay each was scheduled with. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {

        private final BlockingQueue<Long> delays = new LinkedBlockingQueue<>();
        private volatile String threadName;

        RecordingScheduler() {
            super(1);
            setThreadFactory(runnable -> {
                Thread thread = new Thread(runnable, "test-connection-scheduler");
                threadName = thread.getName();
                thread.setDaemon(true);
                return thread;
            });
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            // execute() also comes through here, with no delay; only retries are of interest.
            if (delay > 0) {
                delays.add(unit.toMillis(delay));
            }
            return super.schedule(command, Math.min(delay, unit.convert(Duration.ofMillis(1))), unit);
        }

        List<Long> awaitDelays(int count) throws InterruptedException {
            List<Long> seen = new CopyOnWriteArrayList<>();
            while (seen.size() < count) {
                Long delay = delays.poll(5, TimeUnit.SECONDS);
                assertThat(delay).as("retry %d", seen.size() + 1).isNotNull();
                seen.add(delay);
            }
            return seen;
        }

        String threadName() {
            return threadName;
        }
    }

    /** Collects what the connection reports, and on which thread. */
    private static final class Recorder implements ConnectionListener {

        final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        final BlockingQueue<HelperEvent> events = new LinkedBlockingQueue<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onStateChanged(ConnectionState state) {
            threads.add(Thread.currentThread().getName());
            states.add(state);
        }

        @Override
        public void onEvent(HelperEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        ConnectionState nextState() throws InterruptedException {
            ConnectionState state = states.poll(5, TimeUnit.SECONDS);
            assertThat(state).as("a connection state within 5 s").isNotNull();
            return state;
        }

        /** Skips Disconnected states (the reason changes while the helper is away) until Connected. */
        ConnectionState.Connected awaitConnected() throws InterruptedException {
            while (true) {
                ConnectionState state = nextState();
                if (state instanceof ConnectionState.Connected up) {
                    return up;
                }
            }
        }

        long nextSerial() throws InterruptedException {
            HelperEvent event = events.poll(5, TimeUnit.SECONDS);
            assertThat(event).isInstanceOf(CheckedEvent.class);
            return ((CheckedEvent) event).serial();
        }
    }
}
