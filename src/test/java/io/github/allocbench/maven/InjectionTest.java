package io.github.allocbench.maven;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/**
 * The Plexus container API is deprecated (Maven 4 keeps it only so that old plugins still load): components reach
 * the mojos the JSR-330 way ({@code @Inject}), the project, the session and the plugin descriptor as read-only
 * parameters.
 */
class InjectionTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.allocbench");
    }

    @Test
    void noComponentIsInjectedThroughThePlexusAnnotation() {
        noFields().should().beAnnotatedWith("org.apache.maven.plugins.annotations.Component")
                .because("components are injected with javax.inject.Inject, which Maven 3 and 4 both honour")
                .check(classes);
    }

    @Test
    void nothingUsesThePlexusContainerApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.codehaus.plexus",
                        "org.codehaus.plexus.component..", "org.codehaus.plexus.context..",
                        "org.codehaus.plexus.personality..", "org.codehaus.plexus.logging..")
                .because("the Plexus container API is deprecated; Maven 4 keeps it only for old plugins")
                .check(classes);
    }
}
