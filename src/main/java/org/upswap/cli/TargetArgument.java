// Checks a target name from the command line before anything is sent, so a
// typo is a usage error with the rule spelled out.
package org.upswap.cli;

import org.upswap.cli.text.Messages;
import org.upswap.client.protocol.Names;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

final class TargetArgument {

    private TargetArgument() {
    }

    /** @param target may be null when the argument is optional */
    static void check(CommandSpec spec, String target) {
        if (target != null && !Names.isTargetName(target)) {
            throw new ParameterException(spec.commandLine(), Messages.get("error.targetName", target));
        }
    }

    static void checkVersion(CommandSpec spec, String version) {
        if (version != null && !Names.isVersion(version)) {
            throw new ParameterException(spec.commandLine(), Messages.get("error.version", version));
        }
    }
}
