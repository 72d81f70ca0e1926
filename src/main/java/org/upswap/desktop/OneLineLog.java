// How the desktop app logs: one line per event on stderr, "upswap-desktop:
// [warning: ]message", the way upswap-helper logs, so a session's journal
// or a terminal shows what happened without multi-line records.
package org.upswap.desktop;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

final class OneLineLog extends Formatter {

    private final String program;

    private OneLineLog(String program) {
        this.program = program;
    }

    /** Routes java.util.logging (and so System.Logger) through one stderr handler with this format. */
    static void install(String program) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new OneLineLog(program));
        handler.setLevel(Level.ALL);
        // JavaFX warns at every start that it was loaded from the class path,
        // which is how upswap ships it (see UpswapDesktop): not an event.
        handler.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        // Libraries chatter at INFO about their own workings; only their problems are events here.
        Logger.getLogger("org.freedesktop").setLevel(Level.WARNING);
        Logger.getLogger("javafx").setLevel(Level.WARNING);
        Logger.getLogger("com.sun.javafx").setLevel(Level.WARNING);
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(program).append(": ");
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            line.append("error: ");
        } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            line.append("warning: ");
        }
        line.append(formatMessage(record));
        if (record.getThrown() != null) {
            line.append(": ").append(record.getThrown());
        }
        return oneLine(line) + System.lineSeparator();
    }

    private static String oneLine(CharSequence text) {
        return text.toString().replace("\r\n", " / ").replace('\n', ' ').replace('\r', ' ');
    }
}
