// A NoticeSink that remembers what it was asked to show and withdraw, and
// lets a test answer as the user would.
package org.upswap.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class RecordingSink implements NoticeSink {

    final List<Notice> shown = new ArrayList<>();
    final List<String> withdrawn = new ArrayList<>();
    /** What each target's slot shows now. */
    final Map<String, Notice> visible = new HashMap<>();
    private Responses responses;

    @Override
    public void respondTo(Responses responses) {
        this.responses = responses;
    }

    @Override
    public void show(Notice notice) {
        shown.add(notice);
        visible.put(notice.target(), notice);
    }

    @Override
    public void withdraw(String target) {
        withdrawn.add(target);
        visible.remove(target);
    }

    Notice last() {
        assertThat(shown).as("notices shown").isNotEmpty();
        return shown.get(shown.size() - 1);
    }

    /** The user presses {@code action} on the target's visible notice. */
    void press(String target, NoticeAction action) {
        Notice notice = visible.get(target);
        assertThat(notice).as("a notice is visible for " + target).isNotNull();
        assertThat(notice.offers(action)).as(notice + " offers " + action).isTrue();
        responses.invoked(notice, action);
    }

    /** The notice expires or is dismissed. */
    void close(String target) {
        Notice notice = visible.remove(target);
        assertThat(notice).as("a notice is visible for " + target).isNotNull();
        responses.closed(notice);
    }

    void clear() {
        shown.clear();
        withdrawn.clear();
    }
}
