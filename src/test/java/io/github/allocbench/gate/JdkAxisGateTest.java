package io.github.allocbench.gate;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.github.allocbench.gate.GateFixture.CONFIG;
import static io.github.allocbench.gate.GateFixture.ENVIRONMENT;
import static io.github.allocbench.gate.GateFixture.MIB;
import static io.github.allocbench.gate.GateFixture.ok;
import static io.github.allocbench.gate.GateFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** On several JDKs the gate judges each allocator on each JDK, and a limit on an allocator covers all its JDKs. */
class JdkAxisGateTest {

    private static final RunJdk JDK17 = new RunJdk("jdk17", "/usr/lib/jvm/java-17", "17.0.15", "Debian");
    private static final RunJdk JDK25 = new RunJdk("jdk25", "/usr/lib/jvm/temurin-25", "25.0.3", "Eclipse Adoptium");
    private static final ConfigSummary TWO_JDKS = CONFIG.withJdks(List.of(JDK17, JDK25));

    private static RunResult on(RunJdk jdk, RunResult run) {
        return run.toBuilder().jdk(jdk).build();
    }

    private static BenchResult bench() {
        return result(TWO_JDKS, ENVIRONMENT,
                on(JDK17, ok("system", 1, 300 * MIB, 10 * MIB, 20_000, 5)),
                on(JDK17, ok("jemalloc", 1, 250 * MIB, 10 * MIB, 20_000, 5)),
                on(JDK25, ok("system", 1, 310 * MIB, 10 * MIB, 20_000, 5)),
                on(JDK25, ok("jemalloc", 1, 400 * MIB, 10 * MIB, 20_000, 5)));
    }

    @Test
    void theVariantsAreEachAllocatorOnEachJdk() {
        assertThat(TWO_JDKS.variants()).containsExactly("system@jdk17", "jemalloc@jdk17", "system@jdk25",
                "jemalloc@jdk25");
        assertThat(CONFIG.withJdks(List.of(JDK17.withLabel(null))).variants()).containsExactly("system", "jemalloc");
    }

    @Test
    void aLimitOnAnAllocatorIsCheckedOnEveryJdkAgainstThatJdksMedian() {
        Limit limit = Limit.parse("limits[1]", "jemalloc", "peakRss", "300MB", null);
        GateOutcome outcome = Gate.evaluate(bench(), null, new GateRules(List.of(limit), List.of()));

        assertThat(outcome.checks()).extracting(CheckResult::allocator, CheckResult::passed)
                .containsExactly(tuple("jemalloc@jdk17", true), tuple("jemalloc@jdk25", false));
        assertThat(outcome.checks().get(1).message())
                .startsWith("jemalloc@jdk25 " + Metric.PEAK_RSS + " is 400 MiB, but expected maximum is 300 MiB");
    }

    @Test
    void aLimitOnEveryAllocatorCoversEveryVariant() {
        Limit limit = Limit.parse("limits[1]", null, "peakRss", "1GB", null);
        GateOutcome outcome = Gate.evaluate(bench(), null, new GateRules(List.of(limit), List.of()));

        assertThat(outcome.checks()).extracting(CheckResult::allocator)
                .containsExactly("system@jdk17", "jemalloc@jdk17", "system@jdk25", "jemalloc@jdk25");
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    void aRelativeLimitComparesEachJdkWithItsReferenceOnTheSameJdk() {
        Limit limit = Limit.parse("limits[1]", "jemalloc", "peakRss", "110%", null, "system", null, null);
        GateOutcome outcome = Gate.evaluate(bench(), null, new GateRules(List.of(limit), List.of()));

        assertThat(outcome.checks()).extracting(CheckResult::allocator, CheckResult::reference, CheckResult::passed)
                .containsExactly(tuple("jemalloc@jdk17", "system@jdk17", true),
                        tuple("jemalloc@jdk25", "system@jdk25", false));
        assertThat(outcome.checks().get(1).message()).isEqualTo("jemalloc@jdk25 " + Metric.PEAK_RSS
                + " is 400 MiB, 129.0% of system@jdk25's 310 MiB, but expected maximum is 110% of system@jdk25 "
                + "(341 MiB).");
    }

    @Test
    void aBaselineFromAnotherJdkIsComparedByVariantAndTheChangeOfJdkIsNamed() {
        BenchResult then = result(CONFIG.withJdks(List.of(JDK17.withLabel(null))), ENVIRONMENT,
                on(JDK17.withLabel(null), ok("jemalloc", 1, 250 * MIB, 10 * MIB, 20_000, 5)));
        Baseline baseline = Baseline.of(Path.of("allocator-baseline.json"), then);

        assertThat(baseline.differencesFrom(bench()))
                .contains("server JDKs: 17.0.15 (Debian) in the baseline, jdk17 17.0.15 (Debian), jdk25 25.0.3 "
                        + "(Eclipse Adoptium) now");
        assertThat(baseline.allocator("jemalloc")).isPresent();
        assertThat(baseline.allocator("jemalloc@jdk25")).isEmpty();
    }
}
