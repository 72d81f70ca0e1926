package org.upswap.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.upswap.client.HelperClient;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.UpdatedEvent;

/**
 * One target whose signed feed is served over real HTTP: a helper sandbox,
 * a minisign key pair made by the real tool, a {@link FeedServer} serving
 * the feed directory, and a subscribed client collecting events.
 */
final class RemoteFixture implements AutoCloseable {
    static final String NAME = "app";

    final HelperSandbox sandbox;
    final Minisign key;
    final FeedServer server;
    final Path target;
    final byte[] installed;
    HelperClient client;
    final EventLog events = new EventLog();

    RemoteFixture(Path dir, byte[] installed, String helperConf) throws Exception {
        this.installed = installed;
        sandbox = HelperSandbox.create(dir);
        sandbox.writeHelperConf("check_on_start = no\n" + (helperConf == null ? "" : helperConf));
        key = Minisign.generate(dir.resolve("keys"), "publisher");
        Files.createDirectories(sandbox.feedDir(NAME));
        server = new FeedServer(sandbox.feedDir(NAME));
        target = sandbox.addRemoteTarget(NAME, installed, server.url("feed.json"), key.publicKey(), null);
    }

    void start() throws Exception {
        start(Map.of());
    }

    void start(Map<String, String> env) throws Exception {
        sandbox.start(env);
        connect();
    }

    void connect() throws Exception {
        client = HelperClient.connect(sandbox.helperSocket());
        client.addListener(events);
        HelperClient.await(client.subscribe());
    }

    Path feedFile() {
        return sandbox.feedDir(NAME).resolve("feed.json");
    }

    Path signatureFile() {
        return sandbox.feedDir(NAME).resolve("feed.json.minisig");
    }

    /** A release added to the feed (serial + 1) and the feed signed again. */
    void publish(String version, byte[] bytes) throws Exception {
        sandbox.publish(NAME, version, bytes);
        key.sign(feedFile());
    }

    void publish(String version, byte[] bytes, long serial, String expires) throws Exception {
        sandbox.publish(NAME, version, bytes, serial, expires);
        key.sign(feedFile());
    }

    /** Asks for a check and returns its outcome: a CheckedEvent or an ErrorEvent. */
    Object check() throws Exception {
        HelperClient.await(client.check(NAME));
        return events.await(org.upswap.client.model.HelperEvent.class,
                e -> (e instanceof CheckedEvent c && c.target().equals(NAME))
                        || (e instanceof ErrorEvent err && NAME.equals(err.target()) && err.job() == null));
    }

    /** Requests an update and returns its outcome: an UpdatedEvent or an ErrorEvent. */
    Object update(String version) throws Exception {
        long job = HelperClient.await(client.update(NAME, version, false)).job();
        return events.await(org.upswap.client.model.HelperEvent.class,
                e -> (e instanceof UpdatedEvent u && u.job() == job) || (e instanceof ErrorEvent err && err.concernsJob(job)),
                java.time.Duration.ofSeconds(60));
    }

    byte[] installedBytes() throws IOException {
        return Files.readAllBytes(target);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
        sandbox.close();
    }
}
