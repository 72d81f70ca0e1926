package org.upswap.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.ui.Snapshots.connected;
import static org.upswap.ui.Snapshots.disconnected;
import static org.upswap.ui.Snapshots.running;
import static org.upswap.ui.Snapshots.target;
import static org.upswap.ui.Snapshots.view;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.upswap.app.JobView;
import org.upswap.client.HelperException;
import org.upswap.client.HelperUnavailableException;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.LastError;
import org.upswap.client.model.ProcessInfo;
import org.upswap.client.model.RestartResult;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;
import org.upswap.client.protocol.Permission;
import org.upswap.client.protocol.ProgressPhase;

class UpdatesViewModelTest {
    static final long ME = 1000;

    final RecordingActions actions = new RecordingActions();
    final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    // Answers run at once on the test's thread: the test is the UI thread.
    final UpdatesViewModel vm = new UpdatesViewModel(actions, Messages.forLocale(Locale.ENGLISH), Runnable::run,
            clock, ME);
    final TargetDetailsViewModel details = vm.details();

    @Test
    void theListShowsVersionsSizeCriticalAndStateAndSelectsTheFirstUpdate() {
        vm.apply(connected(Permission.YES, view(target("tool", "3.1", null, false)),
                view(target("demo", "1.0.0", "2.0.0", true))));

        assertThat(vm.targets()).extracting(TargetItem::name).containsExactly("tool", "demo");
        TargetItem tool = vm.targets().get(0);
        TargetItem demo = vm.targets().get(1);
        assertThat(tool.lineProperty().get()).isEqualTo("3.1");
        assertThat(tool.statusProperty().get()).isEqualTo("Up to date");
        assertThat(tool.criticalProperty().get()).isFalse();
        assertThat(tool.updateProperty().get().visible()).isFalse();
        assertThat(demo.lineProperty().get()).isEqualTo("1.0.0  →  2.0.0  ·  4.0 MiB");
        assertThat(demo.statusProperty().get()).isEqualTo("Update available");
        assertThat(demo.criticalProperty().get()).isTrue();
        assertThat(demo.accessibleTextProperty().get()).contains("demo").contains("Critical update");
        assertThat(vm.summaryProperty().get()).isEqualTo("One update available");
        assertThat(vm.selectedProperty().get()).isSameAs(demo);
        assertThat(details.nameProperty().get()).isEqualTo("demo");
        assertThat(details.availableProperty().get()).isEqualTo("2.0.0 (4.0 MiB)");
        assertThat(details.notesProperty().get()).isEqualTo("Faster start-up.\nFixes a crash.");
        assertThat(details.intervalProperty().get()).isEqualTo("every 6 hours, set by the administrator");
        assertThat(details.lastCheckProperty().get()).contains("2023");
        assertThat(details.previousProperty().get()).isEqualTo("nothing to roll back to");
    }

    @Test
    void rowsKeepTheirIdentityAndTheSelectionAcrossSnapshots() {
        vm.apply(connected(Permission.YES, view(target("a", "1", null, false)), view(target("b", "1", "2", false))));
        vm.select("a");
        TargetItem a = vm.targets().get(0);
        vm.apply(connected(Permission.YES, view(target("a", "2", null, false)), view(target("b", "1", "2", false))));
        assertThat(vm.targets().get(0)).isSameAs(a);
        assertThat(vm.selectedProperty().get()).isSameAs(a);
        assertThat(details.installedProperty().get()).isEqualTo("2");

        vm.apply(connected(Permission.YES, view(target("b", "1", "2", false))));
        assertThat(vm.selectedProperty().get().name()).as("the selection moves when its target goes").isEqualTo("b");
    }

    @Test
    void updatesThatNeedAPasswordCarryAShieldAndSayWhy() {
        vm.apply(connected(Permission.AUTH, view(target("demo", "1.0.0", "2.0.0", false))));
        ActionState update = details.updateProperty().get();
        assertThat(update.visible()).isTrue();
        assertThat(update.enabled()).isTrue();
        assertThat(update.shield()).isTrue();
        assertThat(update.tooltip()).contains("asked for a password");
        assertThat(vm.updateAllProperty().get().shield()).isTrue();
        assertThat(vm.targets().get(0).updateProperty().get().shield()).isTrue();
    }

    @Test
    void updatesThisUserMayNotRunAreDisabledAndSayWhoMay() {
        vm.apply(connected(Permission.NO, view(target("demo", "1.0.0", "2.0.0", false))));
        ActionState update = details.updateProperty().get();
        assertThat(update.visible()).isTrue();
        assertThat(update.enabled()).isFalse();
        assertThat(update.shield()).isFalse();
        assertThat(update.tooltip()).startsWith("Only administrators may install updates");
        assertThat(vm.updateAllProperty().get().enabled()).isFalse();

        vm.updateSelected();
        vm.updateAll();
        assertThat(actions.calls).as("a disabled action does nothing, even from the keyboard").isEmpty();
    }

    @Test
    void onAMeteredConnectionUpdatesWaitForAYesThatNamesTheSize() {
        boolean[] metered = {true};
        UpdatesViewModel gated = new UpdatesViewModel(actions, Messages.forLocale(Locale.ENGLISH), Runnable::run,
                clock, ME, () -> metered[0]);
        gated.apply(connected(Permission.YES, view(target("demo", "1.0.0", "2.0.0", false)),
                view(target("tool", "3.0", "3.1", false))));

        gated.update("demo");
        UpdatesViewModel.MeteredQuestion question = gated.meteredQuestionProperty().get();
        assertThat(question).isNotNull();
        assertThat(question.body()).contains("metered").contains("demo").contains("2.0.0").contains("4.0 MiB");
        assertThat(actions.calls).as("nothing is downloaded before the answer").isEmpty();
        gated.update("demo");
        assertThat(gated.meteredQuestionProperty().get()).as("one question at a time").isSameAs(question);

        gated.answerMeteredQuestion(false);
        assertThat(gated.meteredQuestionProperty().get()).isNull();
        assertThat(actions.calls).isEmpty();

        gated.updateAll();
        assertThat(gated.meteredQuestionProperty().get().body()).contains("2 updates").contains("8.0 MiB");
        gated.answerMeteredQuestion(true);
        assertThat(actions.calls).containsExactly("update-all");
        actions.lastReply().complete(List.of(1L, 2L));

        metered[0] = false;
        gated.update("tool");
        assertThat(gated.meteredQuestionProperty().get()).as("not metered: no question").isNull();
        assertThat(actions.calls).containsExactly("update-all", "update tool");
    }

    @Test
    void plainPermissionMeansNoShield() {
        vm.apply(connected(Permission.YES, view(target("demo", "1.0.0", "2.0.0", false))));
        assertThat(details.updateProperty().get()).isEqualTo(ActionState.allowed());
    }

    @Test
    void aRunningJobShowsItsProgressRateAndTimeLeftAndOffersCancel() {
        long mib = 1024 * 1024;
        var job = new JobView(7, "update", ProgressPhase.DOWNLOAD, mib, 4 * mib, mib);
        vm.apply(connected(Permission.YES, running(target("demo", "1.0.0", "2.0.0", false), job)));

        assertThat(details.jobVisibleProperty().get()).isTrue();
        assertThat(details.progressProperty().get()).isEqualTo(0.25);
        assertThat(details.progressTextProperty().get()).isEqualTo("Downloading: 1.0 MiB of 4.0 MiB");
        assertThat(details.rateTextProperty().get()).isEqualTo("1.0 MiB/s, about 3 seconds left");
        assertThat(details.cancelProperty().get().enabled()).isTrue();
        assertThat(details.updateProperty().get().visible()).isFalse();
        assertThat(vm.targets().get(0).statusProperty().get()).isEqualTo("Downloading 25%");
        assertThat(vm.targets().get(0).progressProperty().get()).isEqualTo(0.25);
        assertThat(vm.summaryProperty().get()).isEqualTo("Updating demo…");

        vm.apply(connected(Permission.YES, running(target("demo", "1.0.0", "2.0.0", false),
                new JobView(7, "update", ProgressPhase.INSTALL, 3 * mib, 4 * mib, 0))));
        assertThat(details.progressTextProperty().get()).isEqualTo("Installing: 3.0 MiB of 4.0 MiB");
        assertThat(details.rateTextProperty().get()).isEmpty();

        vm.cancelSelected();
        assertThat(actions.calls).containsExactly("cancel demo");
    }

    @Test
    void aJobWithoutProgressYetIsIndeterminate() {
        vm.apply(connected(Permission.YES, running(target("demo", "1.0.0", "2.0.0", false),
                new JobView(3, "update", null, 0, 0, 0))));
        assertThat(details.progressProperty().get()).isEqualTo(-1);
        assertThat(details.progressTextProperty().get()).isEqualTo("Waiting for the helper…");
    }

    @Test
    void whileTheRequestWaitsForPolkitTheViewSaysSoAndDoesNotAskTwice() {
        vm.apply(connected(Permission.AUTH, view(target("demo", "1.0.0", "2.0.0", false))));
        vm.updateSelected();
        vm.updateSelected();
        vm.update("demo");
        assertThat(actions.calls).containsExactly("update demo");
        assertThat(details.progressTextProperty().get()).isEqualTo("Waiting for you to authenticate…");
        assertThat(details.updateProperty().get().visible()).isFalse();
        assertThat(vm.targets().get(0).statusProperty().get()).isEqualTo("Starting…");

        actions.lastReply().complete(12L);
        assertThat(details.jobVisibleProperty().get()).isFalse();
        assertThat(vm.noticeProperty().get()).isNull();
    }

    @Test
    void aNotAuthorizedRefusalBecomesAClearMessageAndTheButtonComesBack() {
        vm.apply(connected(Permission.AUTH, view(target("demo", "1.0.0", "2.0.0", false))));
        vm.updateSelected();
        actions.lastReply().completeExceptionally(new java.util.concurrent.CompletionException(
                new HelperException(ErrorCode.NOT_AUTHORIZED, "not authorized to update demo")));

        Notice notice = vm.noticeProperty().get();
        assertThat(notice.kind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(notice.text()).isEqualTo("Couldn’t update demo. Not authorized to update demo. "
                + "Your account may not do this. Ask an administrator.");
        assertThat(details.updateProperty().get().visible()).isTrue();

        vm.dismissNotice();
        assertThat(vm.noticeProperty().get()).isNull();
    }

    @Test
    void anUnreachableHelperIsNotAStackTrace() {
        vm.apply(connected(Permission.YES, view(target("demo", "1.0.0", "2.0.0", false))));
        vm.checkNow();
        actions.lastReply().completeExceptionally(new HelperUnavailableException(null, "connect: refused"));
        assertThat(vm.noticeProperty().get().text())
                .isEqualTo("Couldn’t check for updates. upswap-helper is not reachable.");
    }

    @Test
    void jobOutcomesBecomeNotices() {
        var demo = target("demo", "1.0.0", "2.0.0", false);
        vm.apply(connected(Permission.YES, running(demo, new JobView(4, "update", null, 0, 0, 0))));
        vm.handle(new ErrorEvent("demo", 4L, ErrorCode.NOT_AUTHORIZED, "not authorized: polkit said no"));
        assertThat(vm.noticeProperty().get()).isEqualTo(new Notice(Notice.Kind.ERROR,
                "Couldn’t update demo. Not authorized: polkit said no. Your account may not do this. "
                        + "Ask an administrator."));

        vm.handle(new ErrorEvent("demo", 5L, ErrorCode.CANCELLED, "cancelled; nothing was changed"));
        assertThat(vm.noticeProperty().get()).isEqualTo(new Notice(Notice.Kind.INFO,
                "The update of demo was cancelled. Nothing was changed."));

        vm.handle(new UpdatedEvent("demo", 6, "1.0.0", "2.0.0", Snapshots.SHA, false,
                List.of(new ProcessInfo(42, ME, "demo --serve")), false));
        assertThat(vm.noticeProperty().get()).isEqualTo(new Notice(Notice.Kind.SUCCESS,
                "demo 2.0.0 is installed. One running process still uses the old version."));

        vm.handle(new ErrorEvent("demo", null, ErrorCode.SOURCE_ERROR, "a failed check"));
        assertThat(vm.noticeProperty().get().kind()).as("a check's error stays in the details").isEqualTo(
                Notice.Kind.SUCCESS);

        vm.handle(new RestartedEvent("demo", "signal:HUP", List.of(new RestartResult(42L, true, "sent SIGHUP"))));
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Restarted demo (one process).");
    }

    @Test
    void aFailedRollbackIsWordedAsARollback() {
        var demo = Snapshots.withPrevious(target("demo", "2.0.0", null, false), "1.0.0");
        vm.apply(connected(Permission.YES, running(demo, new JobView(9, "rollback", null, 0, 0, 0))));
        vm.handle(new ErrorEvent("demo", 9L, ErrorCode.IO_ERROR, "rename: read-only file system"));
        assertThat(vm.noticeProperty().get().text())
                .isEqualTo("Couldn’t roll back demo. Rename: read-only file system.");
    }

    @Test
    void theHelperGoneShowsTheBannerWithWhatHappenedAndWhatToDo() {
        vm.apply(disconnected("not connected yet"));
        assertThat(vm.bannerVisibleProperty().get()).as("no alarm before the first attempt").isFalse();
        assertThat(vm.summaryProperty().get()).isEqualTo("Connecting to upswap-helper…");

        vm.apply(disconnected("connect /run/upswap/helper.sock: No such file or directory",
                view(target("demo", "1.0.0", "2.0.0", false))));
        assertThat(vm.bannerVisibleProperty().get()).isTrue();
        assertThat(vm.bannerTitleProperty().get()).isEqualTo("upswap-helper is not running, or can’t be reached");
        assertThat(vm.bannerDetailProperty().get()).contains("systemctl start upswap-helper")
                .contains("reconnects by itself").contains("No such file or directory");
        assertThat(vm.checkNowProperty().get().enabled()).isFalse();
        assertThat(details.updateProperty().get().enabled()).isFalse();
        assertThat(details.updateProperty().get().tooltip()).isEqualTo("Not connected to upswap-helper.");

        vm.apply(connected(Permission.YES, view(target("demo", "1.0.0", "2.0.0", false))));
        assertThat(vm.bannerVisibleProperty().get()).isFalse();
        assertThat(vm.checkNowProperty().get().enabled()).isTrue();
    }

    @Test
    void theLastErrorIsASentenceWithAHint() {
        vm.apply(connected(Permission.YES, view(Snapshots.withError(target("demo", "1.0.0", null, false),
                new LastError(ErrorCode.UNSAFE_PATH, "/opt/demo/bin is writable by others")))));
        assertThat(details.lastErrorProperty().get()).isEqualTo("/opt/demo/bin is writable by others. upswap "
                + "refuses to replace a program that others could change; an administrator must fix the "
                + "permissions of its folder.");
        assertThat(vm.targets().get(0).statusProperty().get()).isEqualTo("Problem – see details");
    }

    @Test
    void rollingBackAsksFirstNamingTheVersionItRestores() {
        vm.apply(connected(Permission.YES, view(Snapshots.withPrevious(target("demo", "2.0.0", null, false),
                "1.0.0"))));
        var question = vm.rollbackQuestion();
        assertThat(question.header()).isEqualTo("Roll back demo to 1.0.0?");
        assertThat(question.body()).contains("The installed 2.0.0 will be replaced by 1.0.0");
        assertThat(question.confirm()).isEqualTo("Roll _back to 1.0.0");
        assertThat(details.previousProperty().get()).isEqualTo("1.0.0");

        vm.rollback("other");
        assertThat(actions.calls).isEmpty();
        vm.rollback("demo");
        assertThat(actions.calls).containsExactly("rollback demo");
    }

    @Test
    void restartingOnlyOnesOwnProcessesNeedsNoPassword() {
        var demo = target("demo", "2.0.0", null, false);
        vm.apply(connected(Permission.AUTH, view(Snapshots.withProcesses(demo, "signal:HUP",
                new ProcessInfo(42, ME, "demo --serve")))));
        assertThat(details.restartProperty().get()).isEqualTo(ActionState.allowed());
        assertThat(details.processes()).containsExactly(
                new TargetDetailsViewModel.ProcessRow("42", "you", "demo --serve"));
        assertThat(details.processesSummaryProperty().get())
                .isEqualTo("One process still runs the replaced binary. Restart to use 2.0.0.");

        vm.apply(connected(Permission.AUTH, view(Snapshots.withProcesses(demo, "signal:HUP",
                new ProcessInfo(42, ME, "demo"), new ProcessInfo(43, 0, "demo --daemon")))));
        assertThat(details.restartProperty().get().shield()).isTrue();
        assertThat(details.processes()).extracting(TargetDetailsViewModel.ProcessRow::user)
                .containsExactly("you", "0");

        vm.restartSelected();
        assertThat(actions.calls).containsExactly("restart demo");
    }

    @Test
    void withoutARestartPolicyTheUserIsToldToRestartThemselves() {
        vm.apply(connected(Permission.YES, view(Snapshots.withProcesses(target("demo", "2.0.0", null, false),
                "none", new ProcessInfo(42, ME, "demo")))));
        assertThat(details.restartProperty().get().visible()).isFalse();
        assertThat(details.processesSummaryProperty().get()).contains("Restart it yourself")
                .contains("no restart policy");
    }

    @Test
    void openingTheWindowReadsTheTargetsAfresh() {
        vm.opened();
        assertThat(actions.calls).containsExactly("refresh");
    }
}
