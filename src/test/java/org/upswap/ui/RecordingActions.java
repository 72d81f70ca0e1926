package org.upswap.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stands in for the model: records what the window asked for; the test decides the answers. */
final class RecordingActions implements UpdateActions {
    final List<String> calls = new ArrayList<>();
    final List<CompletableFuture<Object>> replies = new ArrayList<>();

    private CompletableFuture<?> record(String call) {
        calls.add(call);
        CompletableFuture<Object> reply = new CompletableFuture<>();
        replies.add(reply);
        return reply;
    }

    CompletableFuture<Object> lastReply() {
        return replies.get(replies.size() - 1);
    }

    @Override
    public CompletableFuture<?> checkNow() {
        return record("check");
    }

    @Override
    public CompletableFuture<?> update(String target) {
        return record("update " + target);
    }

    @Override
    public CompletableFuture<?> updateAll() {
        return record("update-all");
    }

    @Override
    public CompletableFuture<?> rollback(String target) {
        return record("rollback " + target);
    }

    @Override
    public CompletableFuture<?> cancel(String target) {
        return record("cancel " + target);
    }

    @Override
    public CompletableFuture<?> restart(String target) {
        return record("restart " + target);
    }

    @Override
    public void refresh() {
        calls.add("refresh");
    }
}
