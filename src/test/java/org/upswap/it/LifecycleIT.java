package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.ClientOptions;
import org.upswap.client.ConnectionListener;
import org.upswap.client.ConnectionState;
import org.upswap.client.HelperClient;
import org.upswap.client.HelperConnection;
import org.upswap.client.PokeSender;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.UpdatedEvent;

/** Signals, pokes, many clients at once, and clients that outlive a helper restart. */
class LifecycleIT {
    @TempDir
    Path tmp;
    HelperSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\nmin_check_interval = 1h\n");
        sandbox.addTarget("app", HelperSandbox.bytes("one"), null);
        sandbox.publish("app", "1.0.0", HelperSandbox.bytes("one"));
        sandbox.publish("app", "2.0.0", HelperSandbox.bytes("two"));
        sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void pokeChecksOnceThenIsRateLimited() throws Exception {
        EventLog events = new EventLog();
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            c.addListener(events);
            HelperClient.await(c.subscribe());
            PokeSender poke = new PokeSender(sandbox.pokeSocket());
            poke.poke();
            CheckedEvent checked = events.await(CheckedEvent.class, e -> e.target().equals("app"));
            assertThat(checked.available()).isEqualTo("2.0.0");
            assertThat(checked.serial()).isEqualTo(2);
            for (int i = 0; i < 5; i++) {
                poke.poke();
            }
            HelperStatus s = awaitStatus(c, st -> st.stats().pokes() == 6);
            assertThat(s.stats().checks()).isEqualTo(1);
            assertThat(s.stats().pokesIgnored()).isEqualTo(5);
            assertThat(events.drain()).noneMatch(e -> e instanceof CheckedEvent);
        }
    }

    @Test
    void sighupReloadsConfigurationAndChecksNow() throws Exception {
        EventLog events = new EventLog();
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            c.addListener(events);
            HelperClient.await(c.subscribe());
            sandbox.addTarget("tool", HelperSandbox.bytes("t1"), null);
            sandbox.publish("tool", "1.5", HelperSandbox.bytes("t2"));
            sandbox.signal("HUP");
            events.await(CheckedEvent.class, e -> e.target().equals("tool"));
            assertThat(HelperClient.await(c.listTargets()).targets()).extracting(t -> t.name())
                    .containsExactly("app", "tool");
            HelperStatus s = awaitStatus(c, st -> st.stats().checks() == 2);
            assertThat(s.targets()).hasSize(2);
        }
        assertThat(sandbox.log()).contains("SIGHUP");
    }

    @Test
    void sigtermExitsCleanlyAndRemovesItsSockets() throws Exception {
        assertThat(sandbox.stop()).isZero();
        assertThat(Files.exists(sandbox.helperSocket())).isFalse();
        assertThat(Files.exists(sandbox.pokeSocket())).isFalse();
        assertThat(sandbox.log()).contains("SIGTERM").contains("stopped");
    }

    @Test
    void sigtermDuringAnUpdateAbandonsItSafely() throws Exception {
        byte[] big = CrashRecoveryIT.random(64 * 1024 * 1024, 9);
        sandbox.publish("app", "3.0.0", big);
        Path target = sandbox.targetPath("app");
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            HelperClient.await(c.update("app", "3.0.0", false));
            Thread.sleep(30);
            assertThat(sandbox.stop()).isZero();
        }
        byte[] now = Files.readAllBytes(target);
        assertThat(now.length == big.length || new String(now).equals("one")).isTrue();
        try (var s = Files.list(target.getParent())) {
            assertThat(s.count()).isEqualTo(1);
        }
        try (var s = Files.list(sandbox.journalDir())) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void cancelStopsAnUpdateAndChangesNothing() throws Exception {
        byte[] big = CrashRecoveryIT.random(256 * 1024 * 1024, 10);
        sandbox.publish("app", "3.0.0", big);
        Path target = sandbox.targetPath("app");
        EventLog events = new EventLog();
        try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
            c.addListener(events);
            HelperClient.await(c.subscribe());
            long job = HelperClient.await(c.update("app", "3.0.0", false)).job();
            // Cancel once the copy is under way.
            events.await(org.upswap.client.model.ProgressEvent.class, e -> e.job() == job);
            assertThat(HelperClient.await(c.cancel("app")).cancelled()).contains(job);
            org.upswap.client.model.ErrorEvent err = events.await(org.upswap.client.model.ErrorEvent.class,
                    e -> e.concernsJob(job));
            assertThat(err.code()).isEqualTo(org.upswap.client.protocol.ErrorCode.CANCELLED);
            assertThat(err.message()).contains("nothing was changed");
        }
        assertThat(Files.readString(target)).isEqualTo("one");
        try (var s = Files.list(target.getParent())) {
            assertThat(s.count()).isEqualTo(1);
        }
        try (var s = Files.list(sandbox.journalDir())) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void manyClientsAtOnceAllSeeTheUpdate() throws Exception {
        int n = 8;
        List<HelperClient> clients = new ArrayList<>();
        CountDownLatch updated = new CountDownLatch(n);
        try {
            for (int i = 0; i < n; i++) {
                HelperClient c = HelperClient.connect(sandbox.helperSocket());
                clients.add(c);
                c.addListener(e -> {
                    if (e instanceof UpdatedEvent) {
                        updated.countDown();
                    }
                });
                HelperClient.await(c.subscribe());
            }
            // Everyone asks at the same time while one of them updates.
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (HelperClient c : clients) {
                Thread t = new Thread(() -> {
                    try {
                        for (int k = 0; k < 50; k++) {
                            HelperClient.await(c.status());
                            HelperClient.await(c.listTargets());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            HelperClient.await(clients.get(0).update("app", "2.0.0", false));
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(failures).isEmpty();
            assertThat(updated.await(30, TimeUnit.SECONDS)).as("every subscriber saw 'updated'").isTrue();
            assertThat(Files.readString(sandbox.targetPath("app"))).isEqualTo("two");
        } finally {
            clients.forEach(HelperClient::close);
        }
    }

    @Test
    void reconnectingConnectionSurvivesHelperRestart() throws Exception {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        EventLog events = new EventLog();
        try (HelperConnection conn = new HelperConnection(sandbox.helperSocket(), ClientOptions.defaults())) {
            conn.addListener(new ConnectionListener() {
                @Override
                public void onStateChanged(ConnectionState state) {
                    states.add(state);
                }

                @Override
                public void onEvent(HelperEvent event) {
                    events.onEvent(event);
                }
            });
            conn.subscribe();
            conn.start();
            awaitState(states, ConnectionState.Connected.class, 1);
            assertThat(sandbox.stop()).isZero();
            awaitState(states, ConnectionState.Disconnected.class, 1);
            sandbox.start();
            awaitState(states, ConnectionState.Connected.class, 2);
            // Subscribed again on the new connection: events flow.
            HelperClient.await(conn.send(org.upswap.client.Request.check("app")));
            events.await(CheckedEvent.class, e -> e.target().equals("app"), Duration.ofSeconds(20));
        }
    }

    private static void awaitState(List<ConnectionState> states, Class<?> type, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (states.stream().filter(type::isInstance).count() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never reached " + count + " x " + type.getSimpleName() + ": " + states);
    }

    private static HelperStatus awaitStatus(HelperClient c, java.util.function.Predicate<HelperStatus> p)
            throws Exception {
        HelperStatus s = null;
        for (int i = 0; i < 200; i++) {
            s = HelperClient.await(c.status());
            if (p.test(s)) {
                return s;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("status never matched; last: " + s);
    }
}
