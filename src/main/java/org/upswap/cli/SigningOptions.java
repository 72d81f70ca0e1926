// The signing options of `upswap publish` and the signer they make: minisign
// with --sign-key, or an unsigned feed without it.
package org.upswap.cli;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import org.upswap.cli.text.Messages;
import org.upswap.publish.FeedSigner;
import org.upswap.publish.Minisign;
import org.upswap.publish.MinisignNotFoundException;
import org.upswap.publish.MinisignSigner;
import org.upswap.publish.PublishException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

final class SigningOptions {

    @Option(names = "--sign-key", paramLabel = "FILE", descriptionKey = "publish.signKey")
    private Path secretKey;

    @Option(names = "--minisign", paramLabel = "PATH", descriptionKey = "publish.minisign")
    private String minisign;

    @Option(names = "--legacy-signature", descriptionKey = "publish.legacySignature")
    private boolean legacy;

    /**
     * The signer these options ask for. minisign reads a key's password from
     * this process's own stdin (the terminal, or a pipe in scripts) and its
     * prompt and messages go to stderr, so stdout stays the publish result.
     */
    FeedSigner signer(CommandSpec spec, CliEnvironment environment) throws CliFailure, PublishException {
        if (secretKey == null) {
            if (minisign != null || legacy) {
                throw new ParameterException(spec.commandLine(), Messages.get("publish.needsSignKey"));
            }
            return FeedSigner.UNSIGNED;
        }
        Minisign program;
        try {
            program = Minisign.find(minisign != null ? minisign : Minisign.PROGRAM, environment.env().get("PATH"),
                    Redirect.INHERIT, environment.err());
        } catch (MinisignNotFoundException e) {
            throw new CliFailure(ExitCodes.FAILED, e.getMessage(), Messages.get("publish.installMinisign"));
        }
        return MinisignSigner.create(program, secretKey, legacy);
    }
}
