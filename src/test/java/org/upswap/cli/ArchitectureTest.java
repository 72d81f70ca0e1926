// The client library and the publisher stay free of UI and CLI code, so the
// tray app and scripts can use them on their own; the re-exec library
// depends on nothing of upswap's.
package org.upswap.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.upswap");
    }

    @Test
    void clientAndPublisherDoNotDependOnTheCliOrUiToolkits() {
        noClasses().that().resideInAnyPackage("org.upswap.client..", "org.upswap.publish..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.upswap.cli..", "javafx..", "picocli..")
                .check(classes);
    }

    @Test
    void theProtocolVocabularyAndModelDoNotDependOnTheConnection() {
        noClasses().that().resideInAnyPackage("org.upswap.client.protocol..", "org.upswap.client.model..")
                .should().dependOnClassesThat().resideInAPackage("org.upswap.client")
                .check(classes);
    }

    /** The re-exec library ships as its own jar for other programs: JDK and jnr only. */
    @Test
    void theReexecLibraryStandsAlone() {
        classes().that().resideInAPackage("org.upswap.reexec..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.upswap.reexec..", "java..", "jnr..")
                .check(classes);
    }

    @Test
    void theImportSawTheCode() {
        assertThat(classes.containPackage("org.upswap.client")).isTrue();
        assertThat(classes.containPackage("org.upswap.publish")).isTrue();
        assertThat(classes.containPackage("org.upswap.cli")).isTrue();
        assertThat(classes.containPackage("org.upswap.reexec")).isTrue();
    }
}
