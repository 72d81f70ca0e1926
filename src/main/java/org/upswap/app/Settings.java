// The desktop app's own preferences (not the helper's: check intervals and
// targets belong to root's configuration): whether to show notifications,
// what to do on a metered connection, how long "Later" postpones. Kept in
// $XDG_CONFIG_HOME/upswap/settings.properties, written atomically so a crash
// never leaves half a file. No JavaFX here: the window, the tray and the
// notifications all read the same instance.
package org.upswap.app;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Thread-safe. A setter writes the file first and changes the values only
 * when that worked, so what the app shows is what is stored. Listeners run
 * on the thread that made the change, after the file was written, one change
 * at a time; they must not block (UI code hands over to its own thread).
 */
public final class Settings {

    static final String NOTIFICATIONS = "notifications";
    static final String METERED = "metered";
    static final String POSTPONE = "postpone";

    /** All settings at one moment. */
    public record Values(boolean notificationsEnabled, MeteredPolicy meteredPolicy, PostponeLength postponeLength) {

        /** What a new user gets. */
        public static final Values DEFAULTS = new Values(true, MeteredPolicy.ASK_FIRST, PostponeLength.FOUR_HOURS);

        public Values {
            Objects.requireNonNull(meteredPolicy, "meteredPolicy");
            Objects.requireNonNull(postponeLength, "postponeLength");
        }

        public Values withNotificationsEnabled(boolean enabled) {
            return new Values(enabled, meteredPolicy, postponeLength);
        }

        public Values withMeteredPolicy(MeteredPolicy policy) {
            return new Values(notificationsEnabled, policy, postponeLength);
        }

        public Values withPostponeLength(PostponeLength length) {
            return new Values(notificationsEnabled, meteredPolicy, length);
        }
    }

    /** Told about every change that was stored. */
    @FunctionalInterface
    public interface Listener {
        void settingsChanged(Values now);
    }

    private final Path file;
    private final List<String> problems;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private Values values;

    private Settings(Path file, Values values, List<String> problems) {
        this.file = file;
        this.values = values;
        this.problems = List.copyOf(problems);
    }

    /** {@code $XDG_CONFIG_HOME/upswap/settings.properties}, or under {@code ~/.config} when that is unset. */
    public static Path defaultFile() {
        return defaultFile(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultFile(Map<String, String> env, String home) {
        String configHome = env.get("XDG_CONFIG_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        Path base = configHome != null && Path.of(configHome).isAbsolute()
                ? Path.of(configHome) : Path.of(home, ".config");
        return base.resolve("upswap").resolve("settings.properties");
    }

    /**
     * Reads {@code file}. A missing file gives the defaults; a value that is
     * not understood gives that setting's default and is listed in
     * {@link #problems()}, so a hand-edited typo never stops the app.
     *
     * @throws IOException if the file exists but cannot be read
     */
    public static Settings load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Settings(file, Values.DEFAULTS, List.of());
        }
        Properties stored = new Properties();
        stored.load(new StringReader(text));
        List<String> problems = new ArrayList<>();
        Values d = Values.DEFAULTS;
        Values values = new Values(
                parse(stored, NOTIFICATIONS, d.notificationsEnabled(), Settings::parseBoolean, problems),
                parse(stored, METERED, d.meteredPolicy(), v -> byStoredName(MeteredPolicy.values(), v,
                        MeteredPolicy::storedName), problems),
                parse(stored, POSTPONE, d.postponeLength(), v -> byStoredName(PostponeLength.values(), v,
                        PostponeLength::storedName), problems));
        return new Settings(file, values, problems);
    }

    public Path file() {
        return file;
    }

    /** What {@link #load} could not understand and replaced by defaults, for the log. */
    public List<String> problems() {
        return problems;
    }

    public synchronized Values values() {
        return values;
    }

    /** Whether upswap shows desktop notifications at all. */
    public boolean notificationsEnabled() {
        return values().notificationsEnabled();
    }

    public MeteredPolicy meteredPolicy() {
        return values().meteredPolicy();
    }

    /** How long a notification's "Later" puts the reminder off. */
    public PostponeLength postponeLength() {
        return values().postponeLength();
    }

    public void setNotificationsEnabled(boolean enabled) throws IOException {
        update(values().withNotificationsEnabled(enabled));
    }

    public void setMeteredPolicy(MeteredPolicy policy) throws IOException {
        update(values().withMeteredPolicy(policy));
    }

    public void setPostponeLength(PostponeLength length) throws IOException {
        update(values().withPostponeLength(length));
    }

    /**
     * Stores {@code next} and tells the listeners; nothing happens if it
     * equals what is stored.
     *
     * @throws IOException if the file could not be written; the old values stay
     */
    public synchronized void update(Values next) throws IOException {
        Objects.requireNonNull(next, "next");
        if (next.equals(values)) {
            return;
        }
        write(next);
        values = next;
        for (Listener listener : listeners) {
            listener.settingsChanged(next);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // ---- the file -----------------------------------------------------------

    private void write(Values v) throws IOException {
        String text = "# upswap desktop settings, written by the app.\n"
                + "# notifications = true | false; metered = ask | download; postpone = 1h | 4h | 1d\n"
                + NOTIFICATIONS + "=" + v.notificationsEnabled() + "\n"
                + METERED + "=" + v.meteredPolicy().storedName() + "\n"
                + POSTPONE + "=" + v.postponeLength().storedName() + "\n";
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        // Temp file next to the target, fsync, rename: readers see the old file or the new one.
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(StandardCharsets.UTF_8.encode(text));
                out.force(true);
            }
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself survives a power cut
        } catch (IOException ignored) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically: " + e.getMessage(), e);
        }
    }

    // ---- parsing ------------------------------------------------------------

    private interface Parser<T> {
        /** @return null if {@code text} is not a valid value */
        T parse(String text);
    }

    private static <T> T parse(Properties stored, String key, T fallback, Parser<T> parser, List<String> problems) {
        String text = stored.getProperty(key);
        if (text == null) {
            return fallback;
        }
        T value = parser.parse(text.strip());
        if (value == null) {
            problems.add(key + " = " + text + " is not a valid value; using " + describe(fallback));
            return fallback;
        }
        return value;
    }

    private static String describe(Object value) {
        if (value instanceof MeteredPolicy m) {
            return m.storedName();
        }
        if (value instanceof PostponeLength p) {
            return p.storedName();
        }
        return String.valueOf(value);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static <E> E byStoredName(E[] all, String text, java.util.function.Function<E, String> name) {
        for (E e : all) {
            if (name.apply(e).equals(text)) {
                return e;
            }
        }
        return null;
    }
}
