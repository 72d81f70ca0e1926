// How notices reach a notification server: one server notification per
// target replaced in place, the spec's hints, the server's signals mapped
// back, and the app's own popups when no server answers.
package org.upswap.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.upswap.app.InAppNotifier;

class DesktopNotificationsTest {

    private final FakeNotificationServer server = new FakeNotificationServer();
    private final InApp inApp = new InApp();
    private final Responses responses = new Responses();
    private DesktopNotifications notifications;

    @BeforeEach
    void wire() {
        notifications = new DesktopNotifications(server, new InAppNotices(inApp), Runnable::run);
        notifications.respondTo(responses);
    }

    @Test
    void aTargetsNextNoticeReplacesItsPreviousOneAndOtherTargetsGetTheirOwn() {
        notifications.show(notice("demo", "Update available: demo 2.0.0", false));
        notifications.show(notice("demo", "Update available: demo 2.0.1", false));
        notifications.show(notice("other", "Update available: other 3", false));

        assertThat(server.calls).extracting(c -> c.replacesId().intValue()).containsExactly(0, 1, 0);
        assertThat(server.calls).extracting(c -> c.id().intValue()).containsExactly(1, 1, 2);

        notifications.withdraw("demo");
        assertThat(server.closed).containsExactly(new UInt32(1));
        notifications.show(notice("demo", "Update available: demo 2.0.2", false));
        assertThat(server.last().replacesId().intValue()).as("a withdrawn notice is not replaced").isZero();
    }

    @Test
    void sendsActionsAsKeyLabelPairsAndTheSpecsHints() {
        notifications.show(notice("demo", "Update available: demo 2.0.0", false));

        FakeNotificationServer.Call call = server.last();
        assertThat(call.actions()).containsExactly("default", "Open", "update", "Update now", "later", "Later");
        assertThat(call.hint("urgency")).isEqualTo((byte) 1);
        assertThat(call.hint("category")).isEqualTo("x-upswap.update-available");
        assertThat(call.hint("desktop-entry")).isEqualTo(DesktopNotifications.DESKTOP_ENTRY);
        assertThat(call.hint("resident")).isNull();
        assertThat(call.timeout()).as("the server's default timeout").isEqualTo(-1);
        assertThat(call.icon()).isEqualTo("software-update-available");
    }

    @Test
    void aPersistentNoticeIsCriticalResidentAndNeverExpires() {
        notifications.show(notice("demo", "Update available: demo 2.0.0", true));

        FakeNotificationServer.Call call = server.last();
        assertThat(call.hint("urgency")).isEqualTo((byte) 2);
        assertThat(call.hint("resident")).isEqualTo(true);
        assertThat(call.timeout()).isZero();
    }

    @Test
    void releaseNotesAreEscapedForServersThatParseMarkup() {
        server.capabilities = List.of("actions", "body", "body-markup");
        notifications.show(new Notice("demo", NoticeKind.UPDATE_AVAILABLE, "2", "s", "Fixes <b>x</b> & y",
                List.of(), Urgency.NORMAL, false));
        assertThat(server.last().body()).isEqualTo("Fixes &lt;b&gt;x&lt;/b&gt; &amp; y");

        server.capabilities = List.of("actions", "body");
        notifications.serverLost();
        notifications.show(new Notice("demo", NoticeKind.UPDATE_AVAILABLE, "2", "s", "Fixes <b>x</b> & y",
                List.of(), Urgency.NORMAL, false));
        assertThat(server.last().body()).isEqualTo("Fixes <b>x</b> & y");
    }

    @Test
    void serversWithoutActionsGetNone() {
        server.capabilities = List.of("body");
        notifications.show(notice("demo", "Update available: demo 2.0.0", false));
        assertThat(server.last().actions()).isEmpty();
    }

    @Test
    void signalsAboutOurNotificationsReachTheNotifierWithTheirNotice() {
        Notice demo = notice("demo", "Update available: demo 2.0.0", false);
        notifications.show(demo);
        UInt32 id = server.last().id();

        notifications.actionInvoked(new UInt32(99), "update");
        notifications.actionInvoked(id, "no-such-action");
        notifications.actionInvoked(id, "update");
        notifications.notificationClosed(id, new UInt32(Notifications.CLOSED_DISMISSED));
        notifications.notificationClosed(id, new UInt32(Notifications.CLOSED_DISMISSED));

        assertThat(responses.invoked).containsExactly("demo:update");
        assertThat(responses.closed).as("once, and only ours").containsExactly(demo);
        notifications.show(notice("demo", "again", false));
        assertThat(server.last().replacesId().intValue()).as("a closed notification is not replaced").isZero();
    }

    @Test
    void withoutANotificationServerNoticesShowInTheAppAndTheirButtonsStillWork() {
        server.absent = true;
        notifications.show(notice("demo", "Update available: demo 2.0.0", true));

        assertThat(inApp.titles).containsExactly("Update available: demo 2.0.0");
        assertThat(inApp.critical).containsExactly(true);
        assertThat(inApp.choices.get(0)).extracting(InAppNotifier.Choice::label)
                .as("the notice itself is no button").containsExactly("Update now");

        assertThat(responses.closed).as("a popup is told once shown; reminders follow after a rest").hasSize(1);

        inApp.choices.get(0).get(0).action().run();
        assertThat(responses.invoked).containsExactly("demo:update");
    }

    @Test
    void aServerThatComesBackIsUsedAgain() {
        server.absent = true;
        notifications.show(notice("demo", "first", false));
        server.absent = false;
        notifications.show(notice("demo", "second", false));

        assertThat(inApp.titles).containsExactly("first");
        assertThat(server.calls).extracting(FakeNotificationServer.Call::summary).containsExactly("second");
    }

    @Test
    void whenTheServerLeavesTheBusItsNotificationsCountAsClosed() {
        Notice demo = notice("demo", "s", false);
        notifications.show(demo);
        notifications.serverLost();

        assertThat(responses.closed).containsExactly(demo);
    }

    private static Notice notice(String target, String summary, boolean persistent) {
        List<Notice.Button> buttons = new ArrayList<>(List.of(new Notice.Button(NoticeAction.OPEN, "Open"),
                new Notice.Button(NoticeAction.UPDATE, "Update now")));
        if (!persistent) {
            buttons.add(new Notice.Button(NoticeAction.LATER, "Later"));
        }
        return new Notice(target, NoticeKind.UPDATE_AVAILABLE, "2.0.0", summary, "Faster start-up.", buttons,
                persistent ? Urgency.CRITICAL : Urgency.NORMAL, persistent);
    }

    private static final class Responses implements NoticeSink.Responses {
        final List<String> invoked = new ArrayList<>();
        final List<Notice> closed = new ArrayList<>();

        @Override
        public void invoked(Notice notice, NoticeAction action) {
            invoked.add(notice.target() + ":" + action.key());
        }

        @Override
        public void closed(Notice notice) {
            closed.add(notice);
        }
    }

    private static final class InApp implements InAppNotifier {
        final List<String> titles = new ArrayList<>();
        final List<Boolean> critical = new ArrayList<>();
        final List<List<Choice>> choices = new ArrayList<>();

        @Override
        public void show(String title, String body, boolean isCritical, List<Choice> offered) {
            titles.add(title);
            critical.add(isCritical);
            choices.add(offered);
        }
    }
}
