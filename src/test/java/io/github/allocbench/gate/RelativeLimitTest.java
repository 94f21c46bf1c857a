package io.github.allocbench.gate;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.result.Validity;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.allocbench.gate.GateFixture.MIB;
import static io.github.allocbench.gate.GateFixture.failed;
import static io.github.allocbench.gate.GateFixture.nativeRun;
import static io.github.allocbench.gate.GateFixture.result;
import static io.github.allocbench.gate.GateFixture.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Limits written as a percentage of another allocator's median in the same bench ({@code <of>}). */
class RelativeLimitTest {

    private static GateRules limits(Limit... limits) {
        return new GateRules(List.of(limits), List.of());
    }

    private static Limit jemallocAtMost(String percent, String warn) {
        return Limit.parse("limits[1]", "jemalloc", "peakNativeRss", percent, null, "system", warn, null);
    }

    /** system's native peak 184 MiB, jemalloc's 190 MiB. */
    private static BenchResult bench() {
        return result(nativeRun("system", 1, 184 * MIB, 0, 5), nativeRun("jemalloc", 1, 190 * MIB, 0, 5));
    }

    @Test
    void theBoundIsAPercentageOfTheReferencesMedianAndTheSentenceSaysBothValues() {
        GateOutcome outcome = Gate.evaluate(bench(), null, limits(jemallocAtMost("90%", null)));

        CheckResult check = outcome.checks().get(0);
        assertThat(check.message()).isEqualTo("jemalloc peakNativeRss is 190 MiB, 103.3% of system's 184 MiB, but "
                + "expected maximum is 90% of system (166 MiB).");
        assertThat(check.passed()).isFalse();
        assertThat(check.rule()).isEqualTo(Gate.MAXIMUM_OF);
        assertThat(check.reference()).isEqualTo("system");
        assertThat(check.referenceValue()).isEqualTo(184.0 * MIB);
        assertThat(check.limit()).isEqualTo(184.0 * MIB * 0.9);
        assertThat(ViolationTable.of(outcome.violations())).endsWith("jemalloc  | peakNativeRss | 190 MiB | maximum "
                + "90% of system (166 MiB) | +24 MiB (+14.7%)");
    }

    @Test
    void theViolationTableShowsTheWrittenPercentageEvenWhenTheBoundDoesNotDivideBackExactly() {
        // 100 * (186 MiB * 10 / 100) / 186 MiB is 10.000000000000002 in binary floating point.
        BenchResult bench = result(nativeRun("system", 1, 186 * MIB, 0, 5), nativeRun("jemalloc", 1, 259 * MIB, 0, 5));
        GateOutcome outcome = Gate.evaluate(bench, null, limits(jemallocAtMost("10%", null)));

        assertThat(ViolationTable.of(outcome.violations())).endsWith("jemalloc  | peakNativeRss | 259 MiB | maximum "
                + "10% of system (19 MiB) | +240 MiB (+1292.5%)");
    }

    @Test
    void withinTheBoundButPastTheWarningLevelItPassesAsAWarning() {
        GateOutcome outcome = Gate.evaluate(bench(), null, limits(jemallocAtMost("110%", "100%")));

        CheckResult check = outcome.checks().get(0);
        assertThat(check.message()).isEqualTo("jemalloc peakNativeRss is 190 MiB, 103.3% of system's 184 MiB, within "
                + "the maximum of 110% of system (202 MiB) but past the warning level of 100% (184 MiB).");
        assertThat(check.level()).isEqualTo(CheckResult.WARN);
        assertThat(check.warnLimit()).isEqualTo(184.0 * MIB);
    }

    @Test
    void onEveryAllocatorItBoundsAllButTheReference() {
        GateOutcome outcome = Gate.evaluate(bench(), null,
                limits(Limit.parse("limits[1]", "*", "peakNativeRss", null, "50%", "system", null, null)));

        assertThat(outcome.checks()).extracting(CheckResult::allocator, CheckResult::rule, CheckResult::passed)
                .containsExactly(tuple("jemalloc", Gate.MINIMUM_OF, true));
        assertThat(outcome.checks().get(0).message()).isEqualTo("jemalloc peakNativeRss is 190 MiB, 103.3% of "
                + "system's 184 MiB, meeting the minimum of 50% of system (92 MiB).");
    }

    @Test
    void anInvalidReferenceLeavesTheCheckUnjudged() {
        BenchResult result = result(nativeRun("system", 1, 184 * MIB, 0, 5).withValidity(Validity.of(List.of(
                "held 10 of 200 connections"))), nativeRun("jemalloc", 1, 190 * MIB, 0, 5));

        GateOutcome outcome = Gate.evaluate(result, null, limits(jemallocAtMost("90%", null)));

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.unjudged()).extracting(UnjudgedCheck::allocator, UnjudgedCheck::rule,
                UnjudgedCheck::reasons).containsExactly(tuple("jemalloc", Gate.MAXIMUM_OF,
                List.of("the reference system's trial 1 is invalid: held 10 of 200 connections")));
    }

    @Test
    void aFailedReferenceLeavesTheCheckUnjudged() {
        BenchResult result = result(failed("system", 1), nativeRun("jemalloc", 1, 190 * MIB, 0, 5));

        GateOutcome outcome = Gate.evaluate(result, null, limits(jemallocAtMost("90%", null)));

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.unjudgedSentences()).containsExactly("jemalloc: 1 check(s) could not be judged "
                + "(peakNativeRss maximumOf) because the reference system has no ok run (failed: the server died).");
    }

    @Test
    void aReferenceSkippedOnThisMachineIsAWarning() {
        BenchResult result = result(skipped("system", 1), nativeRun("jemalloc", 1, 190 * MIB, 0, 5));

        GateOutcome outcome = Gate.evaluate(result, null, limits(jemallocAtMost("90%", null)));

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.unjudged()).isEmpty();
        assertThat(outcome.warnings()).singleElement().asString().startsWith("jemalloc peakNativeRss was not held "
                + "to its limit relative to system: system has no ok run in this bench (skipped");
    }

    @Test
    void refusesAReferenceThatIsNotBenchedOrIsTheAllocatorItself() {
        GateRules notBenched = limits(Limit.parse("limits[1]", "jemalloc", "peakRss", "90%", null, "mimalloc", null,
                null));
        assertThatThrownBy(() -> notBenched.requireAllocators(List.of("system", "jemalloc")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the limit on jemalloc peakRss is relative to <of>mimalloc</of>, which this bench does "
                        + "not run. Use one of system, jemalloc.");
        assertThatThrownBy(() -> Limit.parse("limits[1]", "system", "peakRss", "90%", null, "system", null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the limit on system peakRss is relative to <of>system</of>, the allocator it bounds, so "
                        + "it compares a median with itself. Name another benched allocator in <of>.");
    }

    @Test
    void withOfEveryBoundIsAPercentage() {
        assertThatThrownBy(() -> Limit.parse("limits[2]", "jemalloc", "peakRss", "1.5GB", null, "system", null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("limits[2].maximum is '1.5GB', but with <of>system</of> a bound is a percentage of "
                        + "system's median. Write e.g. <maximum>90%</maximum>, or drop <of> for a fixed bound.");
    }

    @Test
    void aWarningLevelMustLieInsideItsBound() {
        assertThatThrownBy(() -> Limit.parse("limits[1]", "*", "peakRss", "1GB", null, null, "2GB", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the limit on * peakRss has warnMaximum 2.00 GiB, not below its maximum 1.00 GiB, so it "
                        + "would never warn before the build fails. Move it inside the maximum.");
        assertThatThrownBy(() -> Limit.parse("limits[1]", "*", "peakRss", "1GB", null, null, null, "500MB"))
                .hasMessage("the limit on * peakRss has <warnMinimum> but no <minimum>: a warning level needs the "
                        + "bound it warns before. Add <minimum>.");
    }

    @Test
    void aFixedLimitWarnsPastItsWarningLevel() {
        GateOutcome outcome = Gate.evaluate(bench(), null, limits(new Limit("system", Metric.PEAK_NATIVE_RSS,
                200.0 * MIB, null, null, 150.0 * MIB, null)));

        assertThat(outcome.checks()).singleElement().extracting(CheckResult::message, CheckResult::level)
                .containsExactly("system peakNativeRss is 184 MiB, within the maximum of 200 MiB but past the "
                        + "warning level of 150 MiB.", CheckResult.WARN);
    }
}
