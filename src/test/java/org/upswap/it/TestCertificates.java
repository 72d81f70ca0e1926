package org.upswap.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1,
 * made with the real openssl tool, so tests can serve feeds over real TLS
 * and point the helper's ca_file at the CA.
 */
final class TestCertificates {
    final Path caCert;
    final SSLContext serverContext;

    private TestCertificates(Path caCert, SSLContext serverContext) {
        this.caCert = caCert;
        this.serverContext = serverContext;
    }

    static TestCertificates create(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path caKey = dir.resolve(name + "-ca.key"), caCert = dir.resolve(name + "-ca.pem");
        Path key = dir.resolve(name + ".key"), csr = dir.resolve(name + ".csr"), cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext"), p12 = dir.resolve(name + ".p12");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=upswap test CA " + name,
                "-keyout", caKey.toString(), "-out", caCert.toString());
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", key.toString(),
                "-out", csr.toString());
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
        openssl("pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(), "-passout", "pass:test",
                "-out", p12.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "test".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return new TestCertificates(caCert, ctx);
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
