package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.UpdatedEvent;

/**
 * Feeds and artifacts over real TLS: a target whose source is https:// with
 * no allow_http is updated from a server whose certificate the helper's
 * ca_file vouches for; a server with a certificate from another CA is
 * refused, and so is plain http for a target that does not allow it.
 */
class HttpsIT {
    static final byte[] V1 = HelperSandbox.bytes("#!/bin/sh\necho one\n");
    static final byte[] V2 = HelperSandbox.bytes("#!/bin/sh\necho two over tls\n");

    @TempDir
    Path tmp;

    private HelperSandbox sandbox(TestCertificates trusted, FeedServer server, Minisign key) throws Exception {
        HelperSandbox sandbox = HelperSandbox.create(tmp);
        sandbox.writeHelperConf("check_on_start = no\ndownload_retries = 0\nca_file = " + trusted.caCert + "\n");
        Path target = sandbox.addTarget("app", V1, null);
        Files.writeString(sandbox.root().resolve("etc/upswap/targets.d/app.conf"),
                "path = " + target + "\nsource = " + server.url("feed.json") + "\nkey = " + key.publicKey() + "\n");
        sandbox.publish("app", "2.0.0", V2);
        key.sign(sandbox.feedDir("app").resolve("feed.json"));
        return sandbox;
    }

    @Test
    void updatesOverTlsWithTheConfiguredCa() throws Exception {
        TestCertificates certs = TestCertificates.create(tmp.resolve("tls"), "good");
        Minisign key = Minisign.generate(tmp.resolve("keys"), "k");
        Files.createDirectories(tmp.resolve("srv/feeds/app"));
        try (FeedServer server = new FeedServer(tmp.resolve("srv/feeds/app"), certs.serverContext);
             HelperSandbox sandbox = sandbox(certs, server, key)) {
            assertThat(server.url("feed.json")).startsWith("https://");
            sandbox.start();
            EventLog events = new EventLog();
            try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
                c.addListener(events);
                HelperClient.await(c.subscribe());
                long job = HelperClient.await(c.update("app", null, false)).job();
                events.await(UpdatedEvent.class, e -> e.job() == job);
            }
            assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V2);
            assertThat(server.requests("app-2.0.0")).isEqualTo(1);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        TestCertificates trusted = TestCertificates.create(tmp.resolve("tls"), "trusted");
        TestCertificates other = TestCertificates.create(tmp.resolve("tls"), "other");
        Minisign key = Minisign.generate(tmp.resolve("keys"), "k");
        Files.createDirectories(tmp.resolve("srv/feeds/app"));
        try (FeedServer server = new FeedServer(tmp.resolve("srv/feeds/app"), other.serverContext);
             HelperSandbox sandbox = sandbox(trusted, server, key)) {
            sandbox.start();
            EventLog events = new EventLog();
            try (HelperClient c = HelperClient.connect(sandbox.helperSocket())) {
                c.addListener(events);
                HelperClient.await(c.subscribe());
                HelperClient.await(c.check("app"));
                ErrorEvent err = events.await(ErrorEvent.class, e -> "app".equals(e.target()));
                assertThat(err.message()).contains("fetching the feed").containsIgnoringCase("certificate");
                assertThat(events.seen()).noneMatch(e -> e instanceof CheckedEvent);
            }
            assertThat(Files.readAllBytes(sandbox.targetPath("app"))).isEqualTo(V1);
        }
    }
}
