// The notifier's rules, with snapshots fed directly and an injected clock:
// what is shown, when it comes back, when it turns persistent, and what the
// buttons make the model ask of the helper.
package org.upswap.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.notify.Snapshots.connected;
import static org.upswap.notify.Snapshots.offering;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.app.DesktopActions;
import org.upswap.app.TargetView;
import org.upswap.app.UpdatesModel;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperConnection;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.RestartResult;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Permission;
import org.upswap.testing.ScriptedHelper;

@Timeout(20)
class NotifierTest {

    private static final Duration POSTPONE = Duration.ofHours(4);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private final Settings settings = new Settings();
    private final Desktop desktop = new Desktop();
    /** The delays the notifier asked to be woken after. */
    private final List<Duration> timers = new ArrayList<>();
    private ScriptedHelper helper;
    private UpdatesModel model;
    private Notifier notifier;

    @BeforeEach
    void start() throws Exception {
        helper = ScriptedHelper.start(dir.resolve("helper.sock"))
                .reply("list-targets", "{\"targets\":[]}")
                .reply("update", "{\"job\":7}")
                .reply("restart", "{\"processes\":[4242]}");
        model = new UpdatesModel(new HelperConnection(helper.socket(), ClientOptions.defaults()), Runnable::run);
        model.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!model.snapshot().connected()) {
            assertThat(System.nanoTime()).as("connected to the scripted helper").isLessThan(deadline);
            Thread.sleep(5);
        }
        helper.awaitRequest("list-targets"); // the model's first look; later ones are the notifier's
        notifier = new Notifier(model, desktop, sink, settings, ReminderStore.inMemory(), clock, Runnable::run,
                (delay, task) -> timers.add(delay));
    }

    @AfterEach
    void stop() throws Exception {
        model.close();
        helper.close();
    }

    @Test
    void anOfferedUpdateIsAnnouncedWithNotesSizeAndButtons() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));

        Notice notice = sink.last();
        assertThat(notice.summary()).isEqualTo("Update available: demo 2.0.0");
        assertThat(notice.body()).isEqualTo("Faster start-up.\n1.0.0 \u2192 2.0.0, 17.9 KiB to download");
        assertThat(notice.buttons()).extracting(Notice.Button::label)
                .containsExactly("Open", "Update now", "Details", "Later");
        assertThat(notice.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(notice.persistent()).isFalse();
    }

    @Test
    void theSameOfferInLaterSnapshotsIsNotShownAgain() {
        TargetView demo = offering("demo", "1.0.0", "2.0.0", false);
        notifier.changed(connected(demo));
        clock.advance(Duration.ofMinutes(5));
        notifier.changed(connected(demo, offering("other", "1", "2", false)));
        notifier.reconsider();

        assertThat(sink.shown).extracting(Notice::target).containsExactly("demo", "other");
    }

    @Test
    void atMostOneNoticePerTargetPerHour() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        sink.close("demo");
        clock.advance(Duration.ofMinutes(10));
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.1", false)));
        assertThat(sink.shown).hasSize(1);

        clock.advance(Duration.ofMinutes(49));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(2);
        assertThat(sink.last().summary()).isEqualTo("Update available: demo 2.0.1");
    }

    @Test
    void aCriticalReleaseIsAnnouncedAtOnceDespiteTheRateLimit() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        clock.advance(Duration.ofMinutes(10));
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.1", true)));

        assertThat(sink.shown).hasSize(2);
        assertThat(sink.last().summary()).isEqualTo("Important update: demo 2.0.1");
        assertThat(sink.last().persistent()).isFalse();
    }

    @Test
    void laterPostponesByTheSettingsLength() {
        TargetView demo = offering("demo", "1.0.0", "2.0.0", false);
        notifier.changed(connected(demo));
        sink.press("demo", NoticeAction.LATER);
        assertThat(sink.withdrawn).containsExactly("demo");
        assertThat(timers).as("woken when the postponement ends").containsExactly(POSTPONE);

        clock.advance(POSTPONE.minusMinutes(1));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(2);
        assertThat(sink.last().persistent()).isFalse();
    }

    @Test
    void anUnansweredNoticeRestsForThePostponeLengthToo() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        sink.close("demo");

        clock.advance(POSTPONE.minusSeconds(1));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(2);
    }

    @Test
    void afterThreePostponementsTheNoticeBecomesPersistentAndCritical() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        for (int i = 1; i <= 3; i++) {
            assertThat(sink.last().persistent()).as("notice %d", i).isFalse();
            sink.press("demo", NoticeAction.LATER);
            clock.advance(POSTPONE);
            notifier.reconsider();
        }

        Notice notice = sink.last();
        assertThat(sink.shown).hasSize(4);
        assertThat(notice.persistent()).isTrue();
        assertThat(notice.urgency()).isEqualTo(Urgency.CRITICAL);
        assertThat(notice.offers(NoticeAction.LATER)).isFalse();
        assertThat(notice.offers(NoticeAction.UPDATE)).isTrue();
    }

    @Test
    void aCriticalReleaseLeftForThreeDaysTurnsPersistent() {
        settings.postpone = Duration.ofDays(1);
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.1", true)));
        sink.close("demo");
        clock.advance(Duration.ofDays(2));
        notifier.reconsider();
        assertThat(sink.last().persistent()).isFalse();
        sink.close("demo");

        clock.advance(Duration.ofDays(1));
        notifier.reconsider();

        assertThat(sink.shown).hasSize(3);
        assertThat(sink.last().persistent()).isTrue();
        assertThat(sink.last().urgency()).isEqualTo(Urgency.CRITICAL);
    }

    @Test
    void theDeadlinePassingWhileANoticeIsUpMakesItPersistentInPlace() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.1", true)));
        clock.advance(Duration.ofDays(3));
        notifier.reconsider();

        assertThat(sink.shown).hasSize(2);
        assertThat(sink.last().persistent()).isTrue();
        assertThat(sink.withdrawn).as("replaced, not withdrawn and shown anew").isEmpty();
    }

    @Test
    void pausingWithdrawsNoticesAndKeepsNewOnesAwayUntilResumed() {
        TargetView demo = offering("demo", "1.0.0", "2.0.0", false);
        notifier.changed(connected(demo));
        notifier.changed(Snapshots.paused(demo, offering("other", "1", "2", true)));
        assertThat(sink.withdrawn).containsExactly("demo");

        clock.advance(Duration.ofDays(1));
        notifier.reconsider();
        assertThat(sink.shown).hasSize(1);

        notifier.changed(connected(demo, offering("other", "1", "2", true)));
        assertThat(sink.shown).extracting(Notice::target).containsExactly("demo", "demo", "other");
    }

    @Test
    void turningNotificationsOffInTheSettingsSilencesThem() {
        settings.enabled = false;
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", true)));
        notifier.event(new ErrorEvent("demo", 3L, ErrorCode.IO_ERROR, "write failed"),
                connected(offering("demo", "1.0.0", "2.0.0", true)));
        assertThat(sink.shown).isEmpty();

        settings.enabled = true;
        notifier.reconsider();
        assertThat(sink.shown).hasSize(1);
    }

    @Test
    void postponementsSurviveATargetNotCheckedYet() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        for (int i = 0; i < 3; i++) {
            sink.press("demo", NoticeAction.LATER);
            clock.advance(POSTPONE);
            notifier.reconsider();
        }
        sink.close("demo");
        notifier.changed(connected(Snapshots.neverChecked("demo", "1.0.0")));
        clock.advance(POSTPONE);
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));

        assertThat(sink.last().persistent()).isTrue();
    }

    @Test
    void anOfferThatGoesAwayForgetsItsPostponements() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        for (int i = 0; i < 3; i++) {
            sink.press("demo", NoticeAction.LATER);
            clock.advance(POSTPONE);
            notifier.reconsider();
        }
        notifier.changed(connected(Snapshots.upToDate("demo", "2.0.0")));
        clock.advance(POSTPONE);
        notifier.changed(connected(offering("demo", "2.0.0", "3.0.0", false)));

        assertThat(sink.last().summary()).isEqualTo("Update available: demo 3.0.0");
        assertThat(sink.last().persistent()).isFalse();
    }

    @Test
    void nothingIsShownWhileTheHelperIsAway() {
        notifier.changed(Snapshots.disconnected(offering("demo", "1.0.0", "2.0.0", false)));
        notifier.reconsider();
        assertThat(sink.shown).isEmpty();
    }

    @Test
    void updateNowAsksTheHelperToUpdateAndWithdrawsTheOffer() throws Exception {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        sink.press("demo", NoticeAction.UPDATE);

        JsonNode request = helper.awaitRequest("update");
        assertThat(request.path("target").asText()).isEqualTo("demo");
        assertThat(sink.withdrawn).containsExactly("demo");
    }

    @Test
    void onAMeteredConnectionUpdateNowOpensTheWindowToAskInsteadOfDownloading() throws Exception {
        desktop.metered = true;
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        sink.press("demo", NoticeAction.UPDATE);

        assertThat(desktop.updatedInWindow).containsExactly("demo");
        assertThat(sink.withdrawn).containsExactly("demo");
        // Requests keep their order: an update asked for would come before this check.
        model.checkNow();
        helper.awaitRequest("check");
        assertThat(helper.requests()).noneMatch(r -> r.path("kind").asText().equals("update"));
    }

    @Test
    void detailsAndTheNoticeItselfOpenTheTargetInTheWindow() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        sink.press("demo", NoticeAction.DETAILS);
        sink.press("demo", NoticeAction.OPEN);

        assertThat(desktop.shownTargets).containsExactly("demo", "demo");
    }

    @Test
    void whoMayNotUpdateIsNotOfferedUpdateNowNorNaggedPastTheDeadline() {
        notifier.changed(Snapshots.withUpdatePermission(Permission.NO, offering("demo", "1.0.0", "2.0.0", false)));
        for (int i = 0; i < 3; i++) {
            sink.press("demo", NoticeAction.LATER);
            clock.advance(POSTPONE);
            notifier.reconsider();
        }

        assertThat(sink.last().offers(NoticeAction.UPDATE)).isFalse();
        assertThat(sink.last().persistent()).isFalse();
    }

    @Test
    void aTargetBeingUpdatedLosesItsOffer() {
        TargetView demo = offering("demo", "1.0.0", "2.0.0", false);
        notifier.changed(connected(demo));
        notifier.changed(connected(Snapshots.updating(demo, 7)));

        assertThat(sink.withdrawn).containsExactly("demo");
    }

    @Test
    void anOfferInstalledElsewhereIsWithdrawn() {
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        notifier.changed(connected(Snapshots.upToDate("demo", "2.0.0")));

        assertThat(sink.withdrawn).containsExactly("demo");
    }

    @Test
    void runningCopiesOfAReplacedBinaryAskForARestart() throws Exception {
        notifier.changed(connected(Snapshots.restartNeeded("demo", "2.0.0",
                new ProcessInfo(4242, 1000, "/opt/demo/bin/demo --serve"))));

        Notice notice = sink.last();
        assertThat(notice.kind()).isEqualTo(NoticeKind.RESTART_NEEDED);
        assertThat(notice.summary()).isEqualTo("demo 2.0.0 is installed");
        assertThat(notice.body()).isEqualTo(
                "A running demo (process 4242) still uses the old version until it restarts.");
        assertThat(notice.buttons()).extracting(Notice.Button::label)
                .containsExactly("Open", "Restart app now", "Later");

        sink.press("demo", NoticeAction.RESTART);
        assertThat(helper.awaitRequest("restart").path("target").asText()).isEqualTo("demo");
    }

    @Test
    void withoutAPolicyTheHelperCanApplyTheUserIsAskedToRestartByHand() {
        notifier.changed(connected(Snapshots.restartNeededWithPolicy("none", "demo", "2.0.0",
                new ProcessInfo(4242, 1000, "demo"))));

        assertThat(sink.last().offers(NoticeAction.RESTART)).isFalse();
        assertThat(sink.last().body()).endsWith("\nRestart demo when it suits you.");
    }

    @Test
    void rightAfterAnUpdateRunningCopiesGetTimeToRestartBeforeTheUserIsAsked() throws Exception {
        ProcessInfo demoProcess = new ProcessInfo(4242, 1000, "demo");
        TargetView stillRunning = Snapshots.restartNeeded("demo", "2.0.0", demoProcess);
        notifier.event(new UpdatedEvent("demo", 7, "1.0.0", "2.0.0", Snapshots.SHA, false, List.of(demoProcess), false),
                connected(stillRunning));
        notifier.changed(connected(stillRunning));
        assertThat(timers).containsExactly(Notifier.RESTART_GRACE);
        clock.advance(Notifier.RESTART_GRACE.minusSeconds(1));
        notifier.reconsider();
        assertThat(sink.shown).as("within the grace").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        notifier.reconsider();
        assertThat(helper.awaitRequest("list-targets")).as("a fresh look at the processes").isNotNull();
        assertThat(sink.shown).isEmpty();

        notifier.changed(connected(stillRunning));
        assertThat(sink.last().kind()).isEqualTo(NoticeKind.RESTART_NEEDED);
    }

    @Test
    void aRestartThatDidNotWorkIsReportedToWhoAskedForIt() throws Exception {
        TargetView running = Snapshots.restartNeeded("demo", "2.0.0", new ProcessInfo(4242, 1000, "demo"));
        notifier.changed(connected(running));
        sink.press("demo", NoticeAction.RESTART);
        helper.awaitRequest("restart");

        notifier.event(new RestartedEvent("demo", "signal:HUP", List.of(
                new RestartResult(4242L, false, "could not signal process 4242: Operation not permitted"))),
                connected(running));

        assertThat(sink.last().kind()).isEqualTo(NoticeKind.FAILED);
        assertThat(sink.last().summary()).isEqualTo("Restarting demo failed");
        assertThat(sink.last().body()).isEqualTo("could not signal process 4242: Operation not permitted");
    }

    @Test
    void anUpdateStartedFromANoticeReportsThatItWentThrough() throws Exception {
        TargetView demo = offering("demo", "1.0.0", "2.0.0", false);
        notifier.changed(connected(demo));
        sink.press("demo", NoticeAction.UPDATE);
        helper.awaitRequest("update");

        notifier.event(new UpdatedEvent("demo", 7, "1.0.0", "2.0.0", Snapshots.SHA, false, List.of(), false),
                connected(Snapshots.upToDate("demo", "2.0.0")));

        assertThat(sink.last().kind()).isEqualTo(NoticeKind.UPDATED);
        assertThat(sink.last().summary()).isEqualTo("demo updated to 2.0.0");
        assertThat(sink.last().body()).isEqualTo("Version 1.0.0 is kept in case you want to roll back.");
        assertThat(sink.last().urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void aFailedJobIsReportedButCheckHiccupsAndCancelsAreNot() {
        TargetView demo = offering("demo", "1.0.0", "2.0.0", false);
        notifier.changed(connected(Snapshots.updating(demo, 9)));
        notifier.event(new ErrorEvent("demo", null, ErrorCode.SOURCE_ERROR, "feed unreachable"), connected(demo));
        notifier.event(new ErrorEvent("demo", 8L, ErrorCode.CANCELLED, "cancelled"), connected(demo));
        assertThat(sink.shown).isEmpty();

        notifier.event(new ErrorEvent("demo", 9L, ErrorCode.DISK_FULL, "no space left next to /opt/demo/bin"),
                connected(demo));

        Notice notice = sink.last();
        assertThat(notice.kind()).isEqualTo(NoticeKind.FAILED);
        assertThat(notice.summary()).isEqualTo("Updating demo failed");
        assertThat(notice.body()).isEqualTo("no space left next to /opt/demo/bin");
        assertThat(notice.offers(NoticeAction.RETRY)).isTrue();
    }

    @Test
    void aRefusedUpdateRequestIsReported() throws Exception {
        helper.refuse("update", "not-authorized", "not authorized to update demo");
        notifier.changed(connected(offering("demo", "1.0.0", "2.0.0", false)));
        sink.press("demo", NoticeAction.UPDATE);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sink.last().kind() != NoticeKind.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sink.last().kind()).isEqualTo(NoticeKind.FAILED);
        assertThat(sink.last().body()).contains("not authorized to update demo");
    }

    /** Settings the test changes as it goes. */
    private static final class Settings implements NotifierSettings {
        volatile boolean enabled = true;
        volatile Duration postpone = POSTPONE;

        @Override
        public boolean notificationsEnabled() {
            return enabled;
        }

        @Override
        public Duration postponeLength() {
            return postpone;
        }
    }

    private static final class Desktop implements DesktopActions {
        final List<String> shownTargets = new ArrayList<>();
        final List<String> updatedInWindow = new ArrayList<>();
        boolean metered;

        @Override
        public boolean askBeforeDownloading() {
            return metered;
        }

        @Override
        public void updateInWindow(String target) {
            updatedInWindow.add(target);
        }

        @Override
        public void showUpdates() {
        }

        @Override
        public void showTarget(String target) {
            shownTargets.add(target);
        }

        @Override
        public void showSettings() {
        }

        @Override
        public void quit() {
        }
    }
}
