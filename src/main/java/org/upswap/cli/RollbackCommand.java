// `upswap rollback TARGET`: puts back the binary the last update replaced.
package org.upswap.cli;

import java.util.concurrent.Callable;
import org.upswap.client.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rollback", sortOptions = false)
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(index = "0", paramLabel = "TARGET", descriptionKey = "rollback.target")
    private String target;

    @Override
    public Integer call() throws Exception {
        TargetArgument.check(spec, target);
        return new JobFollower(cli, target).run(Request.rollback(target));
    }
}
