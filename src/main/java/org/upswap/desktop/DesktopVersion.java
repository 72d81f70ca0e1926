// The version of this build (the one the upswap CLI reports), for --version
// and the name the app gives itself in hello.
package org.upswap.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

final class DesktopVersion implements IVersionProvider {

    private static final String VERSION = load();

    static String clientName() {
        return "upswap-desktop " + VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {clientName()};
    }

    private static String load() {
        try (InputStream in = DesktopVersion.class.getResourceAsStream("/org/upswap/cli/version.properties")) {
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
