// Reminder records in a small JSON file in the user's state directory
// ($XDG_STATE_HOME/upswap/reminders.json), rewritten atomically whenever a
// record changes. A missing or unreadable file starts empty: losing it only
// means a reminder comes once more.
package org.upswap.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Not thread-safe: used from the notifier's thread only. */
public final class ReminderFile implements ReminderStore {

    private static final Logger LOG = System.getLogger(ReminderFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Map<NoticeKind, Reminder>> records = new TreeMap<>();

    private ReminderFile(Path file) {
        this.file = file;
    }

    /** Reads {@code file} if it exists. */
    public static ReminderFile open(Path file) {
        ReminderFile store = new ReminderFile(Objects.requireNonNull(file, "file"));
        store.load();
        return store;
    }

    /** {@code $XDG_STATE_HOME/upswap/reminders.json}, else {@code ~/.local/state/upswap/reminders.json}. */
    public static Path defaultLocation(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && state.startsWith("/")
                ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("upswap").resolve("reminders.json");
    }

    @Override
    public Reminder get(String target, NoticeKind kind) {
        return records.getOrDefault(target, Map.of()).get(kind);
    }

    @Override
    public void put(String target, NoticeKind kind, Reminder reminder) {
        Map<NoticeKind, Reminder> kinds = records.computeIfAbsent(target, t -> new TreeMap<>());
        if (!reminder.equals(kinds.put(kind, reminder))) {
            save();
        }
    }

    @Override
    public void retainTargets(Set<String> targets) {
        if (records.keySet().retainAll(targets)) {
            save();
        }
    }

    private void load() {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> target : root.path("targets").properties()) {
                for (Map.Entry<String, JsonNode> kind : target.getValue().properties()) {
                    records.computeIfAbsent(target.getKey(), n -> new TreeMap<>())
                            .put(NoticeKind.valueOf(kind.getKey()), read(kind.getValue()));
                }
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            // First start.
        } catch (IOException | RuntimeException e) {
            records.clear();
            LOG.log(Level.WARNING, "notifications: ignoring unreadable " + file + ": " + e.getMessage());
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode targets = root.putObject("targets");
        records.forEach((target, kinds) -> {
            ObjectNode node = targets.putObject(target);
            kinds.forEach((kind, r) -> node.set(kind.name(), write(r)));
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Reminders still work for this session; they just will not survive it.
            LOG.log(Level.WARNING, "notifications: cannot save " + file + ": " + e.getMessage());
        }
    }

    private static Reminder read(JsonNode node) {
        return new Reminder(text(node, "version"), Instant.parse(node.path("since").asText()),
                instant(node, "last_shown"), text(node, "shown_version"), instant(node, "snoozed_until"),
                node.path("postponements").asInt(0));
    }

    private static ObjectNode write(Reminder r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", r.version());
        node.put("since", r.since().toString());
        node.put("last_shown", r.lastShown() == null ? null : r.lastShown().toString());
        node.put("shown_version", r.shownVersion());
        node.put("snoozed_until", r.snoozedUntil() == null ? null : r.snoozedUntil().toString());
        node.put("postponements", r.postponements());
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
