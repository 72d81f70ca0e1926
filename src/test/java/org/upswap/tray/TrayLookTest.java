// What the tray says and how loudly, per state: the tooltip's one line and
// the StatusNotifierItem status.
package org.upswap.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.upswap.tray.TraySnapshots.connected;
import static org.upswap.tray.TraySnapshots.disconnected;
import static org.upswap.tray.TraySnapshots.failed;
import static org.upswap.tray.TraySnapshots.inState;
import static org.upswap.tray.TraySnapshots.offering;
import static org.upswap.tray.TraySnapshots.offeringCritical;
import static org.upswap.tray.TraySnapshots.paused;
import static org.upswap.tray.TraySnapshots.restartNeeded;
import static org.upswap.tray.TraySnapshots.upToDate;
import static org.upswap.tray.TraySnapshots.withJob;

import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.upswap.app.AppSnapshot;
import org.upswap.app.AppState;
import org.upswap.client.protocol.ProgressPhase;
import org.upswap.client.protocol.TargetState;

class TrayLookTest {

    private static Locale locale;

    @BeforeAll
    static void englishTexts() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(locale);
    }

    @Test
    void upToDateIsPassiveSoHostsMayTuckItAway() {
        TrayLook look = TrayLook.of(connected(upToDate("demo")));

        assertThat(look.state()).isEqualTo(AppState.UP_TO_DATE);
        assertThat(look.status()).isEqualTo(ItemStatus.PASSIVE);
        assertThat(look.summary()).isEqualTo("Everything is up to date");
    }

    @Test
    void withNothingManagedItSaysSo() {
        assertThat(TrayLook.of(connected()).summary()).isEqualTo("No programs are managed yet");
    }

    @Test
    void oneUpdateIsNamedSeveralAreCounted() {
        assertThat(TrayLook.of(connected(offering("demo", "2.0.0"))).summary())
                .isEqualTo("Update available: demo 2.0.0");
        TrayLook two = TrayLook.of(connected(offering("demo", "2.0.0"), offering("tool", "3.1"), upToDate("x")));
        assertThat(two.summary()).isEqualTo("2 updates available");
        assertThat(two.status()).isEqualTo(ItemStatus.ACTIVE);
    }

    @Test
    void aCriticalUpdateAsksForAttention() {
        TrayLook look = TrayLook.of(connected(offeringCritical("demo", "2.0.1")));

        assertThat(look.summary()).isEqualTo("Important update: demo 2.0.1");
        assertThat(look.status()).isEqualTo(ItemStatus.NEEDS_ATTENTION);
    }

    @Test
    void downloadProgressIsShownRoundedDown() {
        AppSnapshot snapshot = connected(withJob(offering("demo", "2.0.0"), "update", ProgressPhase.DOWNLOAD,
                999, 1000));

        TrayLook look = TrayLook.of(snapshot);
        assertThat(look.state()).isEqualTo(AppState.WORKING);
        assertThat(look.summary()).isEqualTo("Downloading demo 2.0.0 — 99%");
        assertThat(look.status()).isEqualTo(ItemStatus.ACTIVE);
    }

    @Test
    void installingWithoutAKnownTotalHasNoPercentage() {
        AppSnapshot snapshot = connected(withJob(offering("demo", "2.0.0"), "update", ProgressPhase.INSTALL, 5, 0));

        assertThat(TrayLook.of(snapshot).summary()).isEqualTo("Installing demo 2.0.0…");
    }

    @Test
    void aJobBeforeItsFirstProgressAndARollbackAreNamed() {
        assertThat(TrayLook.of(connected(withJob(offering("demo", "2.0.0"), "update", null, 0, 0))).summary())
                .isEqualTo("Updating demo 2.0.0…");
        assertThat(TrayLook.of(connected(withJob(upToDate("demo"), "rollback", null, 0, 0))).summary())
                .isEqualTo("Rolling back demo…");
    }

    @Test
    void theHelperBusyOnItsOwnSaysWithWhat() {
        assertThat(TrayLook.of(connected(inState("demo", TargetState.CHECKING, null))).summary())
                .isEqualTo("Checking for updates…");
        assertThat(TrayLook.of(connected(upToDate("a"), inState("demo", TargetState.SWAPPING, "2.0.0"))).summary())
                .isEqualTo("Installing demo 2.0.0…");
    }

    @Test
    void aFailureShowsTheHelpersMessageOnOneLine() {
        TrayLook look = TrayLook.of(connected(failed("demo", "sha256 does not match\nnothing was changed")));

        assertThat(look.state()).isEqualTo(AppState.ERROR);
        assertThat(look.status()).isEqualTo(ItemStatus.NEEDS_ATTENTION);
        assertThat(look.summary()).isEqualTo("demo: sha256 does not match nothing was changed");
        assertThat(TrayLook.of(connected(failed("a", "x"), failed("b", "y"))).summary())
                .isEqualTo("2 programs have problems");
    }

    @Test
    void programsOnReplacedBinariesNeedARestart() {
        TrayLook look = TrayLook.of(connected(restartNeeded("demo")));

        assertThat(look.summary()).isEqualTo("demo needs a restart");
        assertThat(look.status()).isEqualTo(ItemStatus.NEEDS_ATTENTION);
        assertThat(TrayLook.of(connected(restartNeeded("a"), restartNeeded("b"))).summary())
                .isEqualTo("2 programs need a restart");
    }

    @Test
    void pausedStaysVisibleAndCountsWhatWaits() {
        TrayLook look = TrayLook.of(paused(offering("demo", "2.0.0")));

        assertThat(look.state()).isEqualTo(AppState.PAUSED);
        assertThat(look.status()).isEqualTo(ItemStatus.ACTIVE);
        assertThat(look.summary()).isEqualTo("Updates paused, 1 update waiting");
        assertThat(TrayLook.of(paused(upToDate("demo"))).summary()).isEqualTo("Updates paused");
    }

    @Test
    void disconnectedGivesTheReason() {
        assertThat(TrayLook.of(disconnected("no such file: /run/upswap/helper.sock")).summary())
                .isEqualTo("Not connected to the upswap helper: no such file: /run/upswap/helper.sock");
        assertThat(TrayLook.of(disconnected(null)).summary()).isEqualTo("Not connected to the upswap helper");
    }
}
