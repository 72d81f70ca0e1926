// `upswap restart TARGET`: applies the target's restart policy again to the
// processes still running a replaced copy of its binary, and shows what
// happened to each.
package org.upswap.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.upswap.cli.text.EventText;
import org.upswap.cli.text.Messages;
import org.upswap.client.HelperClient;
import org.upswap.client.Request;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.RestartResult;
import org.upswap.client.model.RestartStarted;
import org.upswap.client.model.RestartedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "restart", sortOptions = false)
final class RestartCommand implements Callable<Integer> {

    /** The helper reports right after signalling or queueing the unit restart. */
    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(30);

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(index = "0", paramLabel = "TARGET", descriptionKey = "restart.target")
    private String target;

    @Override
    public Integer call() throws Exception {
        TargetArgument.check(spec, target);
        PrintWriter out = cli.environment().out();
        try (HelperClient client = cli.connect()) {
            EventQueue events = new EventQueue();
            client.addListener(events);
            // Subscribe first: the outcome is an event that follows the reply.
            client.call(Request.subscribe());
            String policy = client.call(Request.listTargets()).targets().stream()
                    .filter(t -> t.name().equals(target)).findFirst().map(t -> t.restart()).orElse("");
            RestartStarted started = client.call(Request.restart(target));
            // A signal policy with no process left has nothing to report; a
            // systemd unit is restarted (and reported) either way.
            if (started.processes().isEmpty() && policy.startsWith("signal:")) {
                if (cli.json()) {
                    JsonOutput.print(out, started);
                } else {
                    out.println(Messages.get("restart.nothing", target));
                }
                return ExitCodes.OK;
            }
            RestartedEvent done = awaitOutcome(events);
            if (cli.json()) {
                JsonOutput.print(out, done);
            } else {
                EventText.restartedLines(done).forEach(out::println);
            }
            return done.results().stream().allMatch(RestartResult::ok) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private RestartedEvent awaitOutcome(EventQueue events) throws Exception {
        long deadline = System.nanoTime() + OUTCOME_TIMEOUT.toNanos();
        while (true) {
            HelperEvent event = events.poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (event == null) {
                throw new CliFailure(ExitCodes.FAILED, Messages.get("restart.noOutcome", target,
                        OUTCOME_TIMEOUT.toSeconds()), Messages.get("restart.noOutcomeHint", target));
            }
            if (event instanceof RestartedEvent restarted && restarted.target().equals(target)) {
                return restarted;
            }
        }
    }
}
