// watch prints events as they come and survives a helper restart.
package org.upswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.testing.JsonTrees.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.testing.ProtocolFixture;
import org.upswap.testing.ScriptedHelper;

@Timeout(30)
class WatchCommandTest {

    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness();
    private ScriptedHelper helper;

    @AfterEach
    void stopHelper() throws IOException {
        if (helper != null) {
            helper.close();
        }
    }

    @Test
    void printsEventsAndConnectionChangesAcrossARestart() throws Exception {
        Path socket = dir.resolve("helper.sock");
        helper = ScriptedHelper.start(socket);
        AtomicInteger status = new AtomicInteger(-1);
        Thread watch = new Thread(() -> status.set(cli.run("watch", "--socket", socket.toString())));
        watch.start();

        cli.awaitOut(out -> out.contains("connected to upswap-helper 0.1.0"), "the first connection");
        helper.awaitRequest("subscribe");
        helper.broadcast(ProtocolFixture.event("state"));
        helper.broadcast(ProtocolFixture.event("state"));
        helper.broadcast(ProtocolFixture.event("checked"));
        cli.awaitOut(out -> out.contains("2.0.0 available"), "the checked event");

        helper.close();
        cli.awaitOut(out -> out.contains("not connected: upswap-helper closed the connection; retrying"),
                "the disconnect");
        helper = ScriptedHelper.start(socket);
        helper.awaitRequest("subscribe");
        helper.broadcast(ProtocolFixture.event("updated"));
        cli.awaitOut(out -> out.contains("updated 1.0.0 -> 2.0.0"), "the event after the restart");

        watch.interrupt();
        watch.join(5000);

        assertThat(status.get()).isZero();
        assertThat(cli.outLines()).filteredOn(line -> line.contains("demo: checking")).hasSize(1);
        assertThat(cli.outLines()).filteredOn(line -> line.endsWith("connected to upswap-helper 0.1.0")).hasSize(2);
        assertThat(cli.outLines()).allMatch(line -> line.matches("12:00:00 .*"));
    }

    @Test
    void asJsonEveryLineIsADocument() throws Exception {
        Path socket = dir.resolve("helper.sock");
        helper = ScriptedHelper.start(socket);
        Thread watch = new Thread(() -> cli.run("watch", "--json", "--socket", socket.toString()));
        watch.start();

        cli.awaitOut(out -> out.contains("\"connection\""), "the connection line");
        helper.awaitRequest("subscribe");
        helper.broadcast(ProtocolFixture.event("progress"));
        cli.awaitOut(out -> out.contains("\"progress\""), "the progress event");
        watch.interrupt();
        watch.join(5000);

        assertThat(cli.outLines()).hasSize(2);
        assertThat(parse(cli.outLines().get(0)).get("state").asText()).isEqualTo("connected");
        assertThat(parse(cli.outLines().get(1))).isEqualTo(parse(ProtocolFixture.event("progress")));
    }
}
