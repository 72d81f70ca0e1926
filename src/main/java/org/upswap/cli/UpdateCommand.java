// `upswap update TARGET [VERSION] [--force]`: installs a release and follows
// the job to its end.
package org.upswap.cli;

import java.util.concurrent.Callable;
import org.upswap.client.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "update", sortOptions = false)
final class UpdateCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(index = "0", paramLabel = "TARGET", descriptionKey = "update.target")
    private String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", descriptionKey = "update.version")
    private String version;

    @Option(names = "--force", descriptionKey = "update.force")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        TargetArgument.check(spec, target);
        TargetArgument.checkVersion(spec, version);
        return new JobFollower(cli, target).run(Request.update(target, version, force));
    }
}
