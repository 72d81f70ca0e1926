// Signs feeds by running minisign with the publisher's secret key:
//   minisign -S [-l] -s KEY -m FEED -x SIGNATURE -t "upswap feed NAME serial N TIME"
// The real program does the cryptography and handles encrypted keys, so no
// secret key material passes through this process.
package org.upswap.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class MinisignSigner implements FeedSigner {

    /** A secret key file is two short lines; anything much larger is not one. */
    private static final long MAX_KEY_FILE_BYTES = 4096;

    private final Minisign minisign;
    private final Path secretKey;
    private final boolean legacy;

    private MinisignSigner(Minisign minisign, Path secretKey, boolean legacy) {
        this.minisign = minisign;
        this.secretKey = secretKey;
        this.legacy = legacy;
    }

    /**
     * A signer using {@code secretKey}, checked now so that a wrong path fails before anything is written.
     *
     * @param legacy make legacy signatures (minisign -l: Ed25519 over the file itself rather than over its
     *               BLAKE2b hash), which older verifiers need
     */
    public static MinisignSigner create(Minisign minisign, Path secretKey, boolean legacy) throws PublishException {
        checkSecretKey(secretKey);
        return new MinisignSigner(minisign, secretKey, legacy);
    }

    /** The arguments that make minisign sign {@code feedFile}; without {@code signatureFile}, next to it. */
    public static List<String> arguments(Path secretKey, Path feedFile, Path signatureFile, String trustedComment,
                                         boolean legacy) {
        List<String> arguments = new ArrayList<>(List.of("-S"));
        if (legacy) {
            arguments.add("-l");
        }
        arguments.addAll(List.of("-s", secretKey.toString(), "-m", feedFile.toString()));
        if (signatureFile != null) {
            arguments.addAll(List.of("-x", signatureFile.toString()));
        }
        arguments.addAll(List.of("-t", trustedComment));
        return arguments;
    }

    /**
     * Refuses a key inside the feed directory, where everything is served to
     * everyone: by the path given (a symbolic link there would be served too)
     * or by where it really is.
     */
    @Override
    public void prepare(Path feedDir) throws PublishException {
        List<Path> keyPaths;
        List<Path> dirPaths;
        try {
            keyPaths = List.of(secretKey.toAbsolutePath().normalize(), secretKey.toRealPath());
            dirPaths = List.of(feedDir.toAbsolutePath().normalize(), feedDir.toRealPath());
        } catch (IOException e) {
            throw new PublishException("cannot resolve " + secretKey + " or " + feedDir + ": " + e.getMessage(), e);
        }
        for (Path key : keyPaths) {
            for (Path dir : dirPaths) {
                if (key.startsWith(dir)) {
                    throw new PublishException("secret key " + secretKey + " is inside the feed directory "
                            + feedDir + ", which is served to everyone; move it out (and make a new key pair if"
                            + " the directory has been served)");
                }
            }
        }
    }

    @Override
    public boolean sign(Path feedFile, String trustedComment, Path signatureFile) throws PublishException {
        minisign.run(arguments(secretKey, feedFile, signatureFile, trustedComment, legacy));
        return true;
    }

    private static void checkSecretKey(Path secretKey) throws PublishException {
        String text;
        try {
            if (!Files.isRegularFile(secretKey)) {
                throw new PublishException("secret key " + secretKey + ": "
                        + (Files.exists(secretKey) ? "not a regular file" : "no such file"));
            }
            if (Files.size(secretKey) > MAX_KEY_FILE_BYTES) {
                throw new PublishException("secret key " + secretKey + ": too large to be a minisign secret key");
            }
            text = Files.readString(secretKey, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new PublishException("secret key " + secretKey + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new PublishException("secret key " + secretKey + ": permission denied", e);
        } catch (IOException e) {
            throw new PublishException("cannot read secret key " + secretKey + ": " + e.getMessage(), e);
        }
        // Signing with the public half is an easy slip (upswap.pub for upswap.key); say so plainly.
        if (text.lines().anyMatch(line -> isPublicKey(line.strip()))) {
            throw new PublishException(secretKey + " is a minisign public key; signing needs the secret key");
        }
    }

    private static boolean isPublicKey(String line) {
        try {
            MinisignPublicKey.parse(line);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
