package org.upswap.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real `minisign` tool, for signing test feeds the way publishers do. */
final class Minisign {
    final Path publicKeyFile;
    final Path secretKeyFile;

    private Minisign(Path pub, Path sec) {
        this.publicKeyFile = pub;
        this.secretKeyFile = sec;
    }

    /** A fresh key pair without a password in {@code dir}. */
    static Minisign generate(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path pub = dir.resolve(name + ".pub");
        Path sec = dir.resolve(name + ".key");
        run("minisign", "-G", "-W", "-f", "-p", pub.toString(), "-s", sec.toString());
        return new Minisign(pub, sec);
    }

    /** The base64 line of the public key, as a target's `key =` takes it. */
    String publicKey() throws IOException {
        return Files.readAllLines(publicKeyFile).get(1).trim();
    }

    /** Signs {@code file} into {@code file.minisig}; legacy = the non-prehashed form. */
    void sign(Path file, boolean legacy) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("minisign", "-S", "-s", secretKeyFile.toString(), "-m",
                file.toString(), "-x", file + ".minisig", "-t", "upswap test feed"));
        if (legacy) {
            cmd.add(1, "-l");
        }
        run(cmd.toArray(String[]::new));
    }

    void sign(Path file) throws IOException, InterruptedException {
        sign(file, false);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
