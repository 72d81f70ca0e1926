// Where reminder records are kept: in memory, or in a file so that "Later"
// and the deadlines survive logging out (see ReminderFile).
package org.upswap.notify;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public interface ReminderStore {

    /** The record for {@code kind} notices of {@code target}, or null. */
    Reminder get(String target, NoticeKind kind);

    void put(String target, NoticeKind kind, Reminder reminder);

    /** Forgets targets that are no longer configured. */
    void retainTargets(Set<String> targets);

    static ReminderStore inMemory() {
        Map<String, Map<NoticeKind, Reminder>> records = new ConcurrentHashMap<>();
        return new ReminderStore() {
            @Override
            public Reminder get(String target, NoticeKind kind) {
                return records.getOrDefault(target, Map.of()).get(kind);
            }

            @Override
            public void put(String target, NoticeKind kind, Reminder reminder) {
                records.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).put(kind, reminder);
            }

            @Override
            public void retainTargets(Set<String> targets) {
                records.keySet().retainAll(targets);
            }
        };
    }
}
