package org.upswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.upswap.app.DesktopActions;
import org.upswap.app.InAppNotifier;
import org.upswap.app.UpdatesModel;
import org.upswap.client.ClientOptions;
import org.upswap.client.HelperConnection;
import org.upswap.notify.NoticeKind;
import org.upswap.notify.Notifier;
import org.upswap.notify.NotifierSettings;
import org.upswap.notify.Reminder;
import org.upswap.notify.ReminderStore;
import org.upswap.notify.SessionBusNotifications;

/**
 * Update notifications through a real notification server (dunst on Xvfb,
 * on a private session bus) for a real helper in a sandbox: what dunst
 * displays, and a button pressed in dunst reaching the helper as a real
 * update that swaps the binary.
 */
@Timeout(120)
class DesktopNotificationsIT {
    private static final byte[] V1 = "#!/bin/sh\necho demo 1.0.0\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] V2 = "#!/bin/sh\necho demo 2.0.0, faster\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private DunstSession session;
    private HelperSandbox helper;
    private Path target;
    private ScheduledExecutorService modelThread;
    private UpdatesModel model;
    private SessionBusNotifications notifications;
    private final List<String> inApp = new CopyOnWriteArrayList<>();
    private final List<String> shownTargets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSessionAndHelper() throws Exception {
        session = DunstSession.start(Files.createDirectories(tmp.resolve("session")));
        helper = HelperSandbox.create(Files.createDirectories(tmp.resolve("root")));
        target = helper.addTarget("demo", V1, null);
        helper.publish("demo", "1.0.0", V1);
        helper.publish("demo", "2.0.0", V2);
        helper.start(); // checks its feeds at start: 2.0.0 is offered
    }

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            model.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (modelThread != null) {
            modelThread.shutdownNow();
        }
        if (helper != null) {
            helper.stop();
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    void updateNowPressedInTheNotificationUpdatesTheBinary() throws Exception {
        startApp(ReminderStore.inMemory());
        DunstSession.await("dunst to display the offer",
                () -> session.displayed() == 1 && session.received().size() == 1);

        DunstSession.Received offer = session.received().get(0);
        assertThat(offer.appName()).isEqualTo("upswap");
        assertThat(offer.summary()).isEqualTo("Update available: demo 2.0.0");
        assertThat(offer.body()).isEqualTo("Release 2.0.0.\n1.0.0 \u2192 2.0.0, " + V2.length + " B to download");
        assertThat(offer.urgency()).isEqualTo("NORMAL");
        assertThat(offer.category()).isEqualTo("x-upswap.update-available");
        assertThat(offer.desktopEntry()).isEqualTo("upswap");

        List<String> menu = session.press("update");
        String id = offer.id();
        assertThat(menu).containsExactlyInAnyOrder(
                "#Open (Update available: demo 2.0.0) [" + id + ",default]",
                "#Update now (Update available: demo 2.0.0) [" + id + ",update]",
                "#Details (Update available: demo 2.0.0) [" + id + ",details]",
                "#Later (Update available: demo 2.0.0) [" + id + ",later]");

        DunstSession.await("the helper to swap in 2.0.0", () -> Arrays.equals(Files.readAllBytes(target), V2));
        DunstSession.await("dunst to display the outcome", () -> session.received().size() == 2);
        DunstSession.Received done = session.received().get(1);
        assertThat(done.summary()).isEqualTo("demo updated to 2.0.0");
        assertThat(done.urgency()).isEqualTo("LOW");
        assertThat(session.displayed()).as("the offer made way for the outcome").isEqualTo(1);
        assertThat(inApp).as("the server was there: nothing fell back to the window").isEmpty();
    }

    @Test
    void laterTakesTheNotificationAwayAndCountsThePostponement() throws Exception {
        ReminderStore store = ReminderStore.inMemory();
        startApp(store);
        DunstSession.await("dunst to display the offer",
                () -> session.displayed() == 1 && session.received().size() == 1);

        session.press("later");

        DunstSession.await("the notification to go", () -> session.displayed() == 0);
        DunstSession.await("the postponement to be counted",
                () -> store.get("demo", NoticeKind.UPDATE_AVAILABLE).postponements() == 1);
        assertThat(Files.readAllBytes(target)).isEqualTo(V1);
    }

    @Test
    void pastTheDeadlineTheNotificationIsCriticalAndStaysWhenClicked() throws Exception {
        ReminderStore store = ReminderStore.inMemory();
        Instant longAgo = Instant.now().minus(Duration.ofDays(2));
        store.put("demo", NoticeKind.UPDATE_AVAILABLE, new Reminder("2.0.0", longAgo, longAgo, "2.0.0",
                longAgo.plus(Duration.ofHours(4)), 3));
        startApp(store);
        DunstSession.await("dunst to display the reminder",
                () -> session.displayed() == 1 && session.received().size() == 1);

        DunstSession.Received reminder = session.received().get(0);
        assertThat(reminder.urgency()).isEqualTo("CRITICAL");
        List<String> menu = session.press("default");
        assertThat(menu).noneMatch(line -> line.endsWith(",later]"));

        DunstSession.await("the click to open the target", () -> shownTargets.contains("demo"));
        assertThat(session.displayed()).as("resident: still there after the click").isEqualTo(1);
    }

    private void startApp(ReminderStore store) throws Exception {
        modelThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upswap-model");
            t.setDaemon(true);
            return t;
        });
        model = new UpdatesModel(new HelperConnection(helper.helperSocket(),
                ClientOptions.defaults().withClientName("notifications-it")), modelThread);
        notifications = SessionBusNotifications.connect(session.busAddress(),
                new org.upswap.notify.InAppNotices(recordingInApp()));
        Notifier notifier = new Notifier(model, recordingDesktop(), notifications.sink(), enabled(), store,
                Clock.systemUTC(), modelThread, (delay, task) -> modelThread.schedule(task, delay.toMillis(),
                        TimeUnit.MILLISECONDS));
        model.addListener(notifier);
        modelThread.scheduleAtFixedRate(notifier::reconsider, 1, 1, TimeUnit.SECONDS);
        model.start();
    }

    private InAppNotifier recordingInApp() {
        return (title, body, critical, choices) -> inApp.add(title);
    }

    private DesktopActions recordingDesktop() {
        return new DesktopActions() {
            @Override
            public void showUpdates() {
            }

            @Override
            public void showTarget(String name) {
                shownTargets.add(name);
            }

            @Override
            public void showSettings() {
            }

            @Override
            public void updateInWindow(String target) {
                shownTargets.add(target);
            }

            @Override
            public void quit() {
            }
        };
    }

    private static NotifierSettings enabled() {
        return new NotifierSettings() {
            @Override
            public boolean notificationsEnabled() {
                return true;
            }

            @Override
            public Duration postponeLength() {
                return Duration.ofHours(4);
            }
        };
    }
}
