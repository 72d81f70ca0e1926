// `upswap cancel [TARGET]`: cancels the jobs of one target, or all jobs.
package org.upswap.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.upswap.cli.text.Messages;
import org.upswap.client.HelperClient;
import org.upswap.client.Request;
import org.upswap.client.model.CancelResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cancel", sortOptions = false)
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "TARGET", descriptionKey = "cancel.target")
    private String target;

    @Override
    public Integer call() throws Exception {
        TargetArgument.check(spec, target);
        CancelResult result;
        try (HelperClient client = cli.connect()) {
            result = client.call(Request.cancel(target));
        }
        PrintWriter out = cli.environment().out();
        if (cli.json()) {
            JsonOutput.print(out, result);
        } else if (result.cancelled().isEmpty()) {
            out.println(Messages.get("cancel.nothing"));
        } else {
            out.println(Messages.get("cancel.done", result.cancelled().stream()
                    .map(String::valueOf).collect(Collectors.joining(", "))));
        }
        return ExitCodes.OK;
    }
}
