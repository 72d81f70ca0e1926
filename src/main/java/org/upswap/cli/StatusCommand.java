// `upswap status`: what the helper is doing, its counters, and every target.
package org.upswap.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.upswap.cli.text.Messages;
import org.upswap.cli.text.TargetText;
import org.upswap.cli.text.Units;
import org.upswap.client.HelperClient;
import org.upswap.client.Request;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.RunningJob;
import org.upswap.client.model.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", sortOptions = false)
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        HelperStatus status;
        try (HelperClient client = cli.connect()) {
            status = client.call(Request.status());
        }
        PrintWriter out = cli.environment().out();
        if (cli.json()) {
            JsonOutput.print(out, status);
            return ExitCodes.OK;
        }
        RunningJob job = status.job();
        String activity = job == null ? Messages.get("status.idle")
                : job.target() == null ? Messages.get("status.busy", job.kind(), job.id())
                : Messages.get("status.busyTarget", job.kind(), job.target(), job.id());
        out.println(Messages.get("status.helper", status.version(), activity, status.queue(),
                Units.span(status.uptime())));
        Stats stats = status.stats();
        out.println(Messages.get("status.counters", stats.checks(), stats.pokes(), stats.pokesIgnored(),
                stats.updates(), stats.rollbacks(), stats.errors()));
        out.println();
        if (status.targets().isEmpty()) {
            out.println(Messages.get("targets.none"));
        } else {
            TargetText.table(status.targets()).forEach(out::println);
        }
        if (!status.configErrors().isEmpty()) {
            out.println();
            out.println(Messages.get("status.configErrors"));
            status.configErrors().forEach(problem -> out.println("  " + problem));
        }
        return ExitCodes.OK;
    }
}
