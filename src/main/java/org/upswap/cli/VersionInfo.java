// This build's version (filled in by Maven) for --version and hello.
package org.upswap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.upswap.cli.text.Messages;
import org.upswap.client.protocol.Protocol;
import picocli.CommandLine.IVersionProvider;

final class VersionInfo implements IVersionProvider {

    private static final String VERSION = load();

    static String version() {
        return VERSION;
    }

    /** The name sent in hello, for the helper's log. */
    static String clientName() {
        return "upswap-cli " + VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {Messages.get("version.line", VERSION, Protocol.VERSION)};
    }

    private static String load() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
