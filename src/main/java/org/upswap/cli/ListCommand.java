// `upswap list`: every target with its installed and available version, and
// the last error of those that have one.
package org.upswap.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.upswap.cli.text.Messages;
import org.upswap.cli.text.TargetText;
import org.upswap.client.HelperClient;
import org.upswap.client.Request;
import org.upswap.client.model.Target;
import org.upswap.client.model.TargetList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", sortOptions = false)
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        TargetList list;
        try (HelperClient client = cli.connect()) {
            list = client.call(Request.listTargets());
        }
        PrintWriter out = cli.environment().out();
        if (cli.json()) {
            JsonOutput.print(out, list);
            return ExitCodes.OK;
        }
        if (list.targets().isEmpty()) {
            out.println(Messages.get("targets.none"));
            return ExitCodes.OK;
        }
        TargetText.table(list.targets().stream().map(Target::summary).toList()).forEach(out::println);
        for (Target target : list.targets()) {
            if (!target.processes().isEmpty()) {
                out.println(Messages.get("list.stillRunning", target.name(),
                        target.processes().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "))));
            }
            if (target.lastError() != null) {
                out.println(Messages.get("list.lastError", target.name(), target.lastError().code().wireName(),
                        target.lastError().message()));
            }
        }
        return ExitCodes.OK;
    }
}
