// The desktop app's command line: sockets found as the CLI finds them, help
// and mistakes answered before anything starts.
package org.upswap.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesktopOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void rootAndSocketResolveLikeTheCli() {
        DesktopOptions root = parse("--root", "/srv/sandbox").options();
        assertThat(root.sockets(Map.of()).helper()).isEqualTo(Path.of("/srv/sandbox/run/upswap/helper.sock"));
        assertThat(root.hidden()).isFalse();

        DesktopOptions socket = parse("--socket", "/tmp/h.sock", "--hidden").options();
        assertThat(socket.sockets(Map.of("UPSWAP_ROOT", "/elsewhere")).helper()).isEqualTo(Path.of("/tmp/h.sock"));
        assertThat(socket.hidden()).isTrue();

        assertThat(parse().options().sockets(Map.of()).helper()).isEqualTo(Path.of("/run/upswap/helper.sock"));
    }

    @Test
    void helpDescribesTheOptionsAndExitsZero() {
        DesktopOptions.Parsed parsed = parse("--help");

        assertThat(parsed.exitStatus()).isZero();
        assertThat(out.toString()).contains("upswap-desktop", "--root", "--socket", "--hidden",
                "Only one runs per user");
    }

    @Test
    void aWrongOptionIsAUsageError() {
        DesktopOptions.Parsed parsed = parse("--no-such-option");

        assertThat(parsed.exitStatus()).isEqualTo(DesktopOptions.USAGE);
        assertThat(err.toString()).contains("--no-such-option", "upswap-desktop --help");
    }

    private DesktopOptions.Parsed parse(String... args) {
        return DesktopOptions.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
