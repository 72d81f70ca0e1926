// `upswap permissions`: what this user may ask the helper to do, as the
// helper (through polkit) answers it: without a prompt, after
// authenticating, or not at all. The same answer the tray app uses to put a
// shield on its Update button.
package org.upswap.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.upswap.cli.text.Messages;
import org.upswap.cli.text.Table;
import org.upswap.client.HelperClient;
import org.upswap.client.model.HelloResult;
import org.upswap.client.protocol.Action;
import org.upswap.client.protocol.Permission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "permissions", sortOptions = false)
final class PermissionsCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        HelloResult hello;
        try (HelperClient client = cli.connect()) {
            hello = client.hello();
        }
        PrintWriter out = cli.environment().out();
        if (cli.json()) {
            JsonOutput.print(out, hello);
            return ExitCodes.OK;
        }
        out.println(Messages.get("permissions.peer", hello.peer().uid(), hello.peer().pid()));
        Table table = new Table(Messages.get("permissions.column.action"), Messages.get("permissions.column.allowed"),
                Messages.get("permissions.column.what"));
        for (Action action : Action.values()) {
            Permission p = hello.actions().getOrDefault(action, Permission.NO);
            table.row(action.wireName(), Messages.get("permissions." + p.wireName()),
                    Messages.get("permissions.action." + action.wireName()));
        }
        table.lines().forEach(out::println);
        return ExitCodes.OK;
    }
}
