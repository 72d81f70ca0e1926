// The desktop's layering: the model and everything below it stay free of
// JavaFX (so the tray, notifications and tests use them without a toolkit),
// and the window reaches the helper only through UpdatesModel.
package org.upswap.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.upswap.client.HelperClient;
import org.upswap.client.HelperConnection;
import org.upswap.client.PokeSender;

class DesktopArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.upswap");
    }

    @Test
    void theClientTheModelAndThePublisherNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage("org.upswap.client..", "org.upswap.app..", "org.upswap.publish..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void theWindowGoesThroughTheModelNeverTheConnection() {
        noClasses().that().resideInAPackage("org.upswap.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("jnr..")
                .orShould().dependOnClassesThat().belongToAnyOf(HelperClient.class, HelperConnection.class,
                        PokeSender.class)
                .check(classes);
    }

    @Test
    void theImportSawTheDesktopCode() {
        assertThat(classes.containPackage("org.upswap.app")).isTrue();
        assertThat(classes.containPackage("org.upswap.ui")).isTrue();
        assertThat(classes.contain("org.upswap.ui.UpdateWindow")).isTrue();
    }
}
