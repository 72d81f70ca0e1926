// The tray stays toolkit-neutral: it may use AWT for its fallback icon but
// never JavaFX, so it runs the same with or without the window.
package org.upswap.tray;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class TrayArchitectureTest {

    @Test
    void theTrayDoesNotUseJavaFxOrTheWindow() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.upswap.tray");

        assertThat(classes.contain(Tray.class)).isTrue();
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.upswap.ui..")
                .check(classes);
    }
}
