// `upswap publish`: adds a release to a feed directory, signs the feed with
// minisign and manages the keys it announces (see docs/feed.md). Works on
// files only; it does not talk to the helper.
package org.upswap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.upswap.cli.text.Messages;
import org.upswap.publish.FeedPublisher;
import org.upswap.publish.FeedSigner;
import org.upswap.publish.MinisignPublicKey;
import org.upswap.publish.PublishRequest;
import org.upswap.publish.PublishResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "publish", sortOptions = false)
final class PublishCommand implements Callable<Integer> {

    @ParentCommand
    private UpswapCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--feed-dir", required = true, paramLabel = "DIR", descriptionKey = "publish.feedDir")
    private Path feedDir;

    @Option(names = "--product", required = true, paramLabel = "NAME", descriptionKey = "publish.product")
    private String product;

    @Option(names = "--version", required = true, paramLabel = "VERSION", descriptionKey = "publish.version")
    private String version;

    @Option(names = "--artifact", required = true, paramLabel = "FILE", descriptionKey = "publish.artifact")
    private Path artifact;

    @ArgGroup(exclusive = true)
    private Notes notes;

    @Option(names = "--critical", descriptionKey = "publish.critical")
    private boolean critical;

    @Option(names = "--min-from", paramLabel = "VERSION", descriptionKey = "publish.minFrom")
    private String minFrom;

    @Option(names = "--rollout", paramLabel = "PERCENT", defaultValue = "100", descriptionKey = "publish.rollout")
    private int rollout;

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = DurationConverter.class,
            descriptionKey = "publish.expiresIn")
    private Duration expiresIn;

    @Option(names = "--keep", paramLabel = "N", descriptionKey = "publish.keep")
    private Integer keep;

    @Mixin
    private SigningOptions signing;

    @Option(names = "--next-key", paramLabel = "KEY", converter = PublicKeyConverter.class,
            descriptionKey = "publish.nextKey")
    private List<MinisignPublicKey> nextKeys = new ArrayList<>();

    @Option(names = "--clear-next-keys", descriptionKey = "publish.clearNextKeys")
    private boolean clearNextKeys;

    /** Release notes come from a file or from the command line, not both. */
    static final class Notes {

        @Option(names = "--notes-file", paramLabel = "FILE", descriptionKey = "publish.notesFile")
        Path file;

        @Option(names = "--notes", paramLabel = "TEXT", descriptionKey = "publish.notes")
        String text;
    }

    @Override
    public Integer call() throws Exception {
        PublishRequest request;
        try {
            request = PublishRequest.builder(feedDir, product, version, artifact)
                    .notes(readNotes())
                    .critical(critical)
                    .minFrom(minFrom)
                    .rollout(rollout)
                    .expiresIn(expiresIn)
                    .keep(keep)
                    .clearNextKeys(clearNextKeys)
                    .nextKeys(nextKeys)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        FeedSigner signer = signing.signer(spec, cli.environment());
        PublishResult result = new FeedPublisher(cli.environment().clock(), signer).publish(request);
        PublishOutput.print(result, product, cli.json(), cli.environment().out());
        return ExitCodes.OK;
    }

    private String readNotes() throws CliFailure {
        if (notes == null) {
            return "";
        }
        if (notes.text != null) {
            return notes.text;
        }
        try {
            return Files.readString(notes.file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.FAILED, Messages.get("publish.notesMissing", notes.file), null);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, Messages.get("publish.notesUnreadable", notes.file,
                    e.getMessage()), null);
        }
    }
}
