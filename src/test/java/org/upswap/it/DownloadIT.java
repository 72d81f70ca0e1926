package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.client.HelperClient;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.Target;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

/**
 * The helper's downloads against a real HTTP server that misbehaves the way
 * networks do: a dropped connection is resumed with a Range request instead
 * of starting over, a stalled server times out, an unchanged feed costs a
 * 304 of a few hundred bytes, and what was accepted survives a restart.
 */
class DownloadIT {
    static final int SIZE = 4 * 1024 * 1024;

    @TempDir
    Path tmp;
    RemoteFixture f;

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private RemoteFixture fixture(String helperConf) throws Exception {
        f = new RemoteFixture(tmp, CrashRecoveryIT.random(SIZE, 1), helperConf);
        f.publish("2.0.0", CrashRecoveryIT.random(SIZE, 2));
        f.start();
        return f;
    }

    @Test
    void droppedConnectionIsResumedNotRestarted() throws Exception {
        fixture(null); // default: transient failures are retried
        f.server.dropAfter("app-2.0.0", SIZE / 2);
        Object result = f.update("2.0.0");
        assertThat(result).as(f.sandbox.log()).isInstanceOf(UpdatedEvent.class);
        assertThat(f.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 2));
        assertThat(f.server.requests("app-2.0.0")).isEqualTo(2);
        List<String> range = f.server.lastRequestHeaders("app-2.0.0").get("Range");
        assertThat(range).as("the second request resumes").isNotNull();
        long from = Long.parseLong(range.get(0).replaceAll("bytes=(\\d+)-.*", "$1"));
        assertThat(from).isGreaterThan(0).isLessThanOrEqualTo(SIZE / 2);
        assertThat(f.server.bodyBytesSent("app-2.0.0")).as("no byte fetched twice beyond the drop")
                .isLessThanOrEqualTo(SIZE + SIZE / 2);
        assertThat(f.sandbox.log()).contains("retrying").contains("resuming the download");
    }

    @Test
    void anInterruptedDownloadResumesOnTheNextUpdate() throws Exception {
        fixture("download_retries = 0\n");
        f.server.dropAfter("app-2.0.0", SIZE / 4);
        Object first = f.update("2.0.0");
        assertThat(first).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) first).code()).isEqualTo(ErrorCode.SOURCE_ERROR);
        assertThat(((ErrorEvent) first).message()).contains("the next attempt resumes");
        assertThat(f.installedBytes()).isEqualTo(f.installed);

        Object second = f.update("2.0.0");
        assertThat(second).isInstanceOf(UpdatedEvent.class);
        assertThat(f.server.lastRequestHeaders("app-2.0.0").get("Range")).isNotNull();
        assertThat(f.installedBytes()).isEqualTo(CrashRecoveryIT.random(SIZE, 2));
        // The cached copy is gone once installed.
        try (var s = Files.list(f.sandbox.root().resolve("var/cache/upswap/app"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aStalledServerTimesOut() throws Exception {
        fixture("download_retries = 0\nstall_timeout = 2s\n");
        f.server.stall("app-2.0.0", 64 * 1024, 60_000);
        long t0 = System.nanoTime();
        Object result = f.update("2.0.0");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(result).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) result).message()).contains("timed out")
                .contains("the next attempt resumes");
        assertThat(ms).as("gave up after the stall timeout, not the server's 60 s").isLessThan(30_000);
        assertThat(f.installedBytes()).isEqualTo(f.installed);
    }

    @Test
    void aServerErrorIsRetriedThenReported() throws Exception {
        fixture("download_retries = 1\n");
        f.server.status("app-2.0.0", 503);
        Object result = f.update("2.0.0");
        assertThat(result).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) result).message()).contains("HTTP 503");
        assertThat(f.server.requests("app-2.0.0")).isEqualTo(2);
        assertThat(f.installedBytes()).isEqualTo(f.installed);
    }

    @Test
    void downloadsRunInAnUnprivilegedProcessNotInTheHelper() throws Exception {
        fixture(null);
        f.server.slow("app-2.0.0", 2 * 1024 * 1024);
        HelperClient.await(f.client.update("app", "2.0.0", false));
        // Once bytes flow (so it is past its start-up), find the helper's child fetching the artifact.
        f.events.await(org.upswap.client.model.ProgressEvent.class,
                p -> p.phase().wireName().equals("download") && p.done() > 0);
        Long uid = null;
        for (int i = 0; i < 500 && uid == null; i++) {
            for (ProcessHandle c : ProcessHandle.of(f.sandbox.pid()).orElseThrow().children().toList()) {
                String[] args = c.info().arguments().orElse(new String[0]);
                if (c.info().command().orElse("").endsWith("upswap-fetch")
                        && String.join(" ", args).contains("app-2.0.0")) {
                    try {
                        uid = Files.readAllLines(Path.of("/proc/" + c.pid() + "/status")).stream()
                                .filter(l -> l.startsWith("Uid:")).map(l -> Long.parseLong(l.split("\\s+")[2]))
                                .findFirst().orElseThrow();
                    } catch (java.io.IOException gone) {
                        // finished meanwhile: look again
                    }
                }
            }
            Thread.sleep(10);
        }
        assertThat(uid).as("an upswap-fetch child downloads the artifact").isNotNull();
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(uid).as("the downloader gave up root").isNotZero();
        }
        // The helper itself never loads libcurl.
        assertThat(Files.readString(Path.of("/proc/" + f.sandbox.pid() + "/maps"))).doesNotContain("libcurl");
        f.events.await(UpdatedEvent.class, e -> true, java.time.Duration.ofSeconds(60));
    }

    @Test
    void theBandwidthCapIsHonoured() throws Exception {
        fixture("max_download_rate = 1M\n");
        long t0 = System.nanoTime();
        assertThat(f.update("2.0.0")).isInstanceOf(UpdatedEvent.class);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // 4 MiB at 1 MiB/s cannot take less than about 3 s (a lower bound: a slow machine cannot fail it).
        assertThat(ms).isGreaterThanOrEqualTo(2_500);
    }

    @Test
    void anUnchangedFeedCostsA304() throws Exception {
        fixture(null);
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        long full = f.server.lastResponseWireBytes("feed.json");
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        assertThat(f.server.requests("feed.json")).isEqualTo(2);
        assertThat(f.server.lastRequestHeaders("feed.json").get("If-None-Match")).isNotNull();
        long notModified = f.server.lastResponseWireBytes("feed.json");
        assertThat(notModified).as("304 on the wire").isLessThanOrEqualTo(300).isLessThan(full);
        assertThat(f.server.requests("feed.json.minisig")).as("no signature refetch for a 304").isEqualTo(1);
        assertThat(f.sandbox.log()).contains("feed unchanged (HTTP 304)");
        // Still knows what is available.
        Target t = HelperClient.await(f.client.listTargets()).targets().get(0);
        assertThat(t.available().version()).isEqualTo("2.0.0");
    }

    @Test
    void theAcceptedFeedSurvivesARestart() throws Exception {
        fixture(null);
        assertThat(f.check()).isInstanceOf(CheckedEvent.class);
        f.client.close();
        assertThat(f.sandbox.stop()).isZero();
        f.server.status("feed.json", 500); // the server is down: nothing to fetch
        f.sandbox.start();
        f.connect();
        Target t = HelperClient.await(f.client.listTargets()).targets().get(0);
        assertThat(t.available()).as("known from the saved, re-verified copy").isNotNull();
        assertThat(t.available().version()).isEqualTo("2.0.0");
        assertThat(f.server.requests("feed.json")).isEqualTo(1);
    }

    @Test
    void progressIsReportedForDownloadThenInstall() throws Exception {
        fixture(null);
        f.server.slow("app-2.0.0", 8 * 1024 * 1024);
        Object result = f.update("2.0.0");
        assertThat(result).isInstanceOf(UpdatedEvent.class);
        List<org.upswap.client.model.ProgressEvent> progress = f.events.seen().stream()
                .filter(e -> e instanceof org.upswap.client.model.ProgressEvent)
                .map(e -> (org.upswap.client.model.ProgressEvent) e).toList();
        var download = progress.stream().filter(p -> p.phase().wireName().equals("download")).toList();
        var install = progress.stream().filter(p -> p.phase().wireName().equals("install")).toList();
        assertThat(download).as("several download progress events").hasSizeGreaterThan(2);
        assertThat(download.get(download.size() - 1).done()).isEqualTo(SIZE);
        assertThat(download).allSatisfy(p -> assertThat(p.total()).isEqualTo(SIZE));
        assertThat(install).isNotEmpty();
        assertThat(install.get(install.size() - 1).done()).isEqualTo(SIZE);
        assertThat(progress.indexOf(download.get(0))).isLessThan(progress.indexOf(install.get(0)));
        assertThat(f.sandbox.log()).contains("downloaded " + SIZE + " bytes");
    }

}
