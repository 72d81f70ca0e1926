// The notifications stay toolkit-free: they talk to the model, the desktop's
// notification server and the InAppNotifier seam, never to JavaFX, the
// window, the tray or the CLI.
package org.upswap.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class NotifyArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.upswap");

    @Test
    void notificationsDependOnNoToolkitWindowTrayOrCli() {
        assertThat(classes.containPackage("org.upswap.notify")).isTrue();
        noClasses().that().resideInAPackage("org.upswap.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "org.upswap.ui..",
                        "org.upswap.tray..", "org.upswap.desktop..", "org.upswap.cli..", "picocli..")
                .check(classes);
    }

    @Test
    void onlyTheAppShellPutsThePartsTogether() {
        noClasses().that().resideInAnyPackage("org.upswap.ui..", "org.upswap.tray..", "org.upswap.app..",
                        "org.upswap.client..", "org.upswap.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.upswap.notify..", "org.upswap.desktop..")
                .check(classes);
    }
}
