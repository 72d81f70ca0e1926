// The real minisign program, for tests that make keys and check signatures
// the way publishers and administrators will.
package org.upswap.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

public final class MinisignTool {

    public static final Path PROGRAM = Path.of("/usr/bin/minisign");

    private MinisignTool() {
    }

    /** A key pair made by minisign -G: NAME.pub and NAME.key in {@code dir}. */
    public record KeyPair(Path publicKey, Path secretKey) {

        /** The base64 line of the public key, as a target's "key =" setting holds it. */
        public String publicKeyLine() {
            try {
                return Files.readAllLines(publicKey).get(1).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What minisign printed and how it exited. */
    public record Result(int status, String output) {
    }

    /** A key pair without a password (minisign -G -W). */
    public static KeyPair generate(Path dir, String name) {
        KeyPair keys = new KeyPair(dir.resolve(name + ".pub"), dir.resolve(name + ".key"));
        Result result = run(null, "-G", "-W", "-p", keys.publicKey().toString(), "-s", keys.secretKey().toString());
        assertThat(result.status()).as("minisign -G: %s", result.output()).isZero();
        return keys;
    }

    /** A key pair protected by {@code password}, which minisign reads from its stdin. */
    public static KeyPair generate(Path dir, String name, String password) {
        KeyPair keys = new KeyPair(dir.resolve(name + ".pub"), dir.resolve(name + ".key"));
        Path answers = write(dir.resolve(name + ".answers"), password + "\n" + password + "\n");
        Result result = run(answers, "-G", "-p", keys.publicKey().toString(), "-s", keys.secretKey().toString());
        assertThat(result.status()).as("minisign -G: %s", result.output()).isZero();
        return keys;
    }

    /** minisign -V -p PUB -m FILE, with the signature at FILE.minisig. */
    public static Result verify(Path publicKey, Path file) {
        return run(null, "-V", "-p", publicKey.toString(), "-m", file.toString());
    }

    /**
     * The signature algorithm of a .minisig file: "ED" for the default,
     * prehashed form, "Ed" for the legacy form (minisign -l).
     */
    public static String algorithm(Path signatureFile) {
        try {
            String line = Files.readAllLines(signatureFile).get(1);
            byte[] bytes = Base64.getDecoder().decode(line.strip());
            return new String(bytes, 0, 2, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs minisign with {@code args}, stdin from {@code input} (or nothing), and waits up to 30 s. */
    public static Result run(Path input, String... args) {
        assertThat(PROGRAM).as("these tests need minisign: apt install minisign").isExecutable();
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(Redirect.from(input != null ? input.toFile() : new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("minisign finished").isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Writes a small text file and returns its path. */
    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
