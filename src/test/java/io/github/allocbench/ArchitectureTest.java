package io.github.allocbench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house drawn from the compiled classes: {@code maven} on top, {@code bench} below it, the workers
 * ({@code allocator}, {@code fork}, {@code load}, {@code memory}) and the readers ({@code report}, {@code gate}) below
 * that, {@code result} and {@code units} at the bottom. No arrow runs back up, and the forked children's entry points
 * ({@code child}) are never loaded by the host side.
 */
class ArchitectureTest {

    private static final String BASE = "io.github.allocbench";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void layersOnlyLookDown() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("maven").definedBy(BASE + ".maven..")
                .layer("bench").definedBy(BASE + ".bench..")
                .layer("child").definedBy(BASE + ".child..")
                .layer("report").definedBy(BASE + ".report..")
                .layer("gate").definedBy(BASE + ".gate..")
                .layer("allocator").definedBy(BASE + ".allocator..")
                .layer("fork").definedBy(BASE + ".fork..")
                .layer("load").definedBy(BASE + ".load..")
                .layer("memory").definedBy(BASE + ".memory..")
                .layer("handlers").definedBy(BASE + ".handlers..")
                .layer("result").definedBy(BASE + ".result..")
                .layer("units").definedBy(BASE + ".units..")
                .whereLayer("maven").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("maven")
                .whereLayer("child").mayNotBeAccessedByAnyLayer()
                .whereLayer("handlers").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("maven", "bench")
                .whereLayer("gate").mayOnlyBeAccessedByLayers("maven", "bench")
                .whereLayer("allocator").mayOnlyBeAccessedByLayers("maven", "bench", "fork")
                .whereLayer("fork").mayOnlyBeAccessedByLayers("bench", "child", "load")
                .whereLayer("load").mayOnlyBeAccessedByLayers("bench", "child")
                .whereLayer("memory").mayOnlyBeAccessedByLayers("bench", "child", "load")
                .whereLayer("result").mayOnlyBeAccessedByLayers("maven", "bench", "child", "report", "gate",
                        "allocator", "fork", "load", "memory")
                .whereLayer("units").mayOnlyBeAccessedByLayers("maven", "bench", "child", "report", "gate",
                        "allocator", "fork", "load", "memory", "result");
        assertNoViolation(layers.evaluate(classes));
    }

    @Test
    void packagesFormNoCycle() {
        assertNoViolation(slices().matching(BASE + ".(*)..").should().beFreeOfCycles().evaluate(classes));
    }

    @Test
    void onlyTheMavenAdaptersKnowMaven() {
        assertNoViolation(noClasses().that().resideOutsideOfPackage(BASE + ".maven..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.maven..")
                .evaluate(classes));
    }

    @Test
    void theRulesCatchAnArrowUp() {
        // A rule that cannot fail proves nothing: the model must really be below the pipeline that fills it.
        EvaluationResult upward = noClasses().that().resideInAPackage(BASE + ".bench..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".result..").evaluate(classes);
        assertThat(upward.hasViolation()).isTrue();
    }

    private static void assertNoViolation(EvaluationResult result) {
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }
}
