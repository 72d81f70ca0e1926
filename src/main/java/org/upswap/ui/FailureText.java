// Why something failed, in words for people: a refused request, a failed
// job or a target's last error becomes a sentence plus, where there is one,
// what to do about it. Never a stack trace.
package org.upswap.ui;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.upswap.client.HelperException;
import org.upswap.client.HelperTimeoutException;
import org.upswap.client.HelperUnavailableException;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.LastError;
import org.upswap.client.protocol.ErrorCode;

final class FailureText {

    private final Messages messages;

    FailureText(Messages messages) {
        this.messages = messages;
    }

    /** The error code behind a failed action, or null if the helper did not give one. */
    static ErrorCode code(Throwable failure) {
        return unwrap(failure) instanceof HelperException e ? e.code() : null;
    }

    /** Why an action the user asked for did not start: the helper's answer, or why it was not reached. */
    String reason(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HelperException e) {
            return explain(e.code(), e.getMessage());
        }
        if (cause instanceof HelperUnavailableException) {
            return messages.get("failure.unavailable");
        }
        if (cause instanceof HelperTimeoutException) {
            return messages.get("failure.timeout");
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return messages.get("failure.unexpected", detail);
    }

    /** Why a job failed, as its error event says. */
    String reason(ErrorEvent event) {
        return explain(event.code(), event.message());
    }

    /** A target's last error, for its details. */
    String reason(LastError error) {
        return explain(error.code(), error.message());
    }

    /** The helper's message (already for people) with the hint for its code, if there is one. */
    private String explain(ErrorCode code, String message) {
        String sentence = sentence(message);
        return messages.optional("hint." + code.wireName())
                .map(hint -> messages.get("failure.withHint", sentence, hint))
                .orElse(sentence);
    }

    private static String sentence(String message) {
        String m = message.strip();
        if (m.isEmpty()) {
            return m;
        }
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") || m.endsWith("!") || m.endsWith("?") ? m : m + ".";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
