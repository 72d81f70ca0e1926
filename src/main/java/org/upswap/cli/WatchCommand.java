// `upswap watch`: prints the helper's events as they happen until Ctrl-C,
// and keeps going across helper restarts, saying when the connection drops
// and comes back.
package org.upswap.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.upswap.cli.text.EventText;
import org.upswap.cli.text.Messages;
import org.upswap.client.ConnectionListener;
import org.upswap.client.ConnectionState;
import org.upswap.client.HelperConnection;
import org.upswap.client.WireJson;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.StateEvent;
import org.upswap.client.protocol.TargetState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", sortOptions = false)
final class WatchCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @ParentCommand
    private UpswapCli cli;

    @Mixin
    private HelpOption help;

    @Override
    @SuppressWarnings("try") // the Ctrl-C registration only has to live as long as its block
    public Integer call() throws Exception {
        CliEnvironment env = cli.environment();
        LiveOutput live = new LiveOutput(env.out(), env.interactive() && !cli.json(), env.columns(), this::timestamped);
        HelperConnection connection = new HelperConnection(cli.sockets().helper(), cli.clientOptions());
        try (InterruptHooks.Registration onCtrlC = env.interrupts().onInterrupt(() -> {
            connection.close();
            live.clearBar();
        })) {
            connection.addListener(new Printer(live));
            connection.subscribe();
            connection.start();
            // Runs until Ctrl-C ends the process, or the thread is interrupted.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
        }
        return ExitCodes.OK;
    }

    private String timestamped(String line) {
        LocalTime now = LocalTime.ofInstant(cli.environment().clock().instant(), cli.environment().clock().getZone());
        return TIME.format(now) + " " + line;
    }

    /** Prints what the connection reports; runs on the connection's thread only. */
    private final class Printer implements ConnectionListener {

        private final LiveOutput live;
        /** Last state printed per target: state events come on every change, states change less often. */
        private final Map<String, TargetState> states = new HashMap<>();

        Printer(LiveOutput live) {
            this.live = live;
        }

        @Override
        public void onStateChanged(ConnectionState state) {
            states.clear();
            if (cli.json()) {
                JsonOutput.print(cli.environment().out(), connectionJson(state));
            } else if (state instanceof ConnectionState.Connected up) {
                live.line(Messages.get("watch.connected", up.hello().helper()));
            } else if (state instanceof ConnectionState.Disconnected down) {
                live.line(Messages.get("watch.disconnected", down.reason()));
            }
        }

        @Override
        public void onEvent(HelperEvent event) {
            if (cli.json()) {
                JsonOutput.print(cli.environment().out(), event);
            } else if (event instanceof StateEvent change) {
                if (states.put(change.targetName(), change.target().state()) != change.target().state()) {
                    live.line(EventText.of(change));
                }
            } else if (event instanceof ProgressEvent progress) {
                live.progress(progress);
            } else {
                live.line(EventText.of(event));
            }
        }

        /** {"kind":"connection","state":"connected"|"disconnected",...}: not a protocol line, so its own kind. */
        private ObjectNode connectionJson(ConnectionState state) {
            ObjectNode json = WireJson.newObject();
            json.put("kind", "connection");
            if (state instanceof ConnectionState.Connected up) {
                json.put("state", "connected");
                json.put("helper", up.hello().helper());
                json.put("protocol", up.hello().protocol());
            } else if (state instanceof ConnectionState.Disconnected down) {
                json.put("state", "disconnected");
                json.put("reason", down.reason());
                json.put("retry_in_ms", down.retryIn().toMillis());
            }
            return json;
        }
    }
}
