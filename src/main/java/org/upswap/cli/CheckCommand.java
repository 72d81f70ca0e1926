// `upswap check [TARGET] [--wait]`: asks the helper to check feeds now; with
// --wait, reports what each check found.
package org.upswap.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.upswap.cli.text.EventText;
import org.upswap.cli.text.Messages;
import org.upswap.client.HelperClient;
import org.upswap.client.Request;
import org.upswap.client.model.CheckResult;
import org.upswap.client.model.CheckedEvent;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "check", sortOptions = false)
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "TARGET", descriptionKey = "check.target")
    private String target;

    @Option(names = "--wait", descriptionKey = "check.wait")
    private boolean await;

    @Override
    public Integer call() throws Exception {
        TargetArgument.check(spec, target);
        PrintWriter out = cli.environment().out();
        try (HelperClient client = cli.connect()) {
            EventQueue events = new EventQueue();
            if (await) {
                // Subscribe before asking, or a fast check could finish unseen.
                client.addListener(events);
                client.call(Request.subscribe());
            }
            CheckResult result = client.call(Request.check(target));
            if (cli.json()) {
                JsonOutput.print(out, result);
            } else if (!result.started()) {
                out.println(Messages.get("check.notStarted", result.retryAfter() == null ? "?" : result.retryAfter()));
            } else if (result.targets().isEmpty()) {
                out.println(Messages.get("targets.none"));
            } else {
                out.println(Messages.get("check.started", String.join(", ", result.targets())));
            }
            if (!await || !result.started()) {
                return ExitCodes.OK;
            }
            return awaitResults(events, new LinkedHashSet<>(result.targets()), out);
        }
    }

    /** Waits for a checked event, or an error outside any job, for every target that is being checked. */
    private int awaitResults(EventQueue events, Set<String> pending, PrintWriter out) throws Exception {
        int exit = ExitCodes.OK;
        while (!pending.isEmpty()) {
            HelperEvent event = events.take();
            boolean finished = event instanceof CheckedEvent
                    || event instanceof ErrorEvent error && error.job() == null;
            if (!finished || !pending.remove(event.targetName())) {
                continue;
            }
            if (event instanceof ErrorEvent) {
                exit = ExitCodes.FAILED;
            }
            if (cli.json()) {
                JsonOutput.print(out, event);
            } else {
                out.println(EventText.of(event));
            }
        }
        return exit;
    }
}
