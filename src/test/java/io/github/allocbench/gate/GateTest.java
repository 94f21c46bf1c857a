package io.github.allocbench.gate;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.result.Validity;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.allocbench.gate.GateFixture.CONFIG;
import static io.github.allocbench.gate.GateFixture.ENVIRONMENT;
import static io.github.allocbench.gate.GateFixture.GIB;
import static io.github.allocbench.gate.GateFixture.MIB;
import static io.github.allocbench.gate.GateFixture.failed;
import static io.github.allocbench.gate.GateFixture.ok;
import static io.github.allocbench.gate.GateFixture.result;
import static io.github.allocbench.gate.GateFixture.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GateTest {

    private static final Path BASELINE_FILE = Path.of("/project/allocator-baseline.json");

    private static GateRules limits(Limit... limits) {
        return new GateRules(List.of(limits), List.of());
    }

    private static GateRules increases(MaxIncrease... increases) {
        return new GateRules(List.of(), List.of(increases));
    }

    /** jemalloc's three trials have peaks 1.7, 1.91 and 2.5 GiB: median 1.91 GiB, while the mean would be 2.04. */
    private static BenchResult threeTrials() {
        return result(
                ok("system", 1, 1_500 * MIB, 100 * MIB, 20_000, 5),
                ok("jemalloc", 1, (long) (1.7 * GIB), 50 * MIB, 21_000, 4),
                ok("system", 2, 1_400 * MIB, 120 * MIB, 22_000, 6),
                ok("jemalloc", 2, (long) (1.91 * GIB), 60 * MIB, 19_000, 5),
                ok("system", 3, 1_600 * MIB, 110 * MIB, 18_000, 7),
                ok("jemalloc", 3, (long) (2.5 * GIB), 55 * MIB, 20_000, 6));
    }

    @Test
    void holdsTheMedianOfEachAllocatorToAMaximumWithOneSentencePerCheck() {
        GateOutcome outcome = Gate.evaluate(threeTrials(), null,
                limits(new Limit("*", Metric.PEAK_RSS, 1.8 * GIB, null)));

        assertThat(outcome.checks()).extracting(CheckResult::message).containsExactly(
                "system peakRss is 1.46 GiB, within the maximum of 1.80 GiB.",
                "jemalloc peakRss is 1.91 GiB, but expected maximum is 1.80 GiB.");
        CheckResult jemalloc = outcome.checks().get(1);
        assertThat(jemalloc.passed()).isFalse();
        assertThat(jemalloc.rule()).isEqualTo("maximum");
        assertThat(jemalloc.metric()).isEqualTo("peakRss");
        assertThat(jemalloc.actual()).isEqualTo((double) (long) (1.91 * GIB));
        assertThat(jemalloc.limit()).isEqualTo(1.8 * GIB);
        assertThat(jemalloc.baseline()).isNull();
        assertThat(outcome.violations()).containsExactly(jemalloc);
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    void aValueEqualToTheBoundPasses() {
        BenchResult result = result(ok("system", 1, 1_000, 10, 100, 5), ok("jemalloc", 1, 1_000, 10, 100, 5));

        GateOutcome outcome = Gate.evaluate(result, null, limits(new Limit("*", Metric.PEAK_RSS, 1_000.0, 1_000.0)));

        assertThat(outcome.checks()).hasSize(4).allMatch(CheckResult::passed);
    }

    @Test
    void holdsThroughputToAMinimumAndOnlyTheNamedAllocator() {
        GateOutcome outcome = Gate.evaluate(threeTrials(), null,
                limits(new Limit("system", Metric.REQUESTS_PER_SECOND, null, 25_000.0),
                        new Limit("jemalloc", Metric.P99_LATENCY, 4.0, null),
                        new Limit("jemalloc", Metric.REQUESTS_PER_SECOND, null, 20_000.0),
                        new Limit("*", Metric.ERROR_RATE, 0.1, null)));

        assertThat(outcome.checks()).extracting(CheckResult::message).containsExactly(
                "system requestsPerSecond is 20,000 req/s, but expected minimum is 25,000 req/s.",
                "system errorRate is 0.10%, within the maximum of 0.10%.",
                "jemalloc p99Latency is 5.0 ms, but expected maximum is 4.0 ms.",
                "jemalloc requestsPerSecond is 20,000 req/s, meeting the minimum of 20,000 req/s.",
                "jemalloc errorRate is 0.10%, within the maximum of 0.10%.");
    }

    @Test
    void comparesMediansWithTheBaselinesByPercentage() {
        BenchResult before = result(
                ok("system", 1, (long) (1.7 * GIB), 100 * MIB, 20_000, 5),
                ok("jemalloc", 1, (long) (1.7 * GIB), 100 * MIB, 20_000, 5));
        BenchResult after = result(
                ok("system", 1, (long) (1.7 * GIB * 1.123), 100 * MIB, 20_000, 5),
                ok("jemalloc", 1, (long) (1.7 * GIB * 0.97), 100 * MIB, 20_000, 5));

        GateOutcome outcome = Gate.evaluate(after, Baseline.of(BASELINE_FILE, before),
                increases(new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(outcome.checks()).extracting(CheckResult::message).containsExactly(
                "system peakRss is 1.91 GiB: it increased 12.3% over the baseline's 1.70 GiB, but the maximum "
                        + "increase is 10%.",
                "jemalloc peakRss is 1.65 GiB: it decreased 3.0% from the baseline's 1.70 GiB, within the maximum "
                        + "increase of 10%.");
        CheckResult system = outcome.checks().get(0);
        assertThat(system.rule()).isEqualTo("maxIncrease");
        assertThat(system.baseline()).isEqualTo((double) (long) (1.7 * GIB));
        assertThat(system.limit()).isEqualTo((long) (1.7 * GIB) * 1.1);
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    void comparesByAnAbsoluteAmount() {
        BenchResult before = result(ok("system", 1, GIB, 100 * MIB, 20_000, 5));
        BenchResult after = result(ok("system", 1, GIB, 180 * MIB, 20_000, 5));

        GateOutcome outcome = Gate.evaluate(after, Baseline.of(BASELINE_FILE, before),
                increases(new MaxIncrease(Metric.RETAINED_RSS, 64 * MIB, false)));

        assertThat(outcome.checks()).extracting(CheckResult::message).containsExactly(
                "system retainedRss is 180 MiB: it increased 80 MiB over the baseline's 100 MiB, but the maximum "
                        + "increase is 64 MiB.");
    }

    @Test
    void forThroughputTheMaximumIncreaseBoundsTheDrop() {
        BenchResult before = result(ok("system", 1, GIB, MIB, 20_000, 5));
        GateRules rules = increases(new MaxIncrease(Metric.REQUESTS_PER_SECOND, 10, true));

        GateOutcome dropped = Gate.evaluate(result(ok("system", 1, GIB, MIB, 17_000, 5)),
                Baseline.of(BASELINE_FILE, before), rules);
        GateOutcome rose = Gate.evaluate(result(ok("system", 1, GIB, MIB, 30_000, 5)),
                Baseline.of(BASELINE_FILE, before), rules);

        assertThat(dropped.checks()).extracting(CheckResult::message).containsExactly(
                "system requestsPerSecond is 17,000 req/s: it decreased 15.0% from the baseline's 20,000 req/s, "
                        + "but the maximum decrease is 10%.");
        assertThat(dropped.checks().get(0).limit()).isEqualTo(18_000.0);
        assertThat(rose.checks()).allMatch(CheckResult::passed);
    }

    @Test
    void withoutABaselineTheMaxIncreaseRulesAreNotChecked() {
        GateOutcome outcome = Gate.evaluate(threeTrials(), null,
                increases(new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    void anAllocatorSkippedOnThisMachineIsAWarningNotAPass() {
        BenchResult result = result(ok("system", 1, GIB, MIB, 20_000, 5), skipped("jemalloc", 1));

        GateOutcome outcome = Gate.evaluate(result, null,
                limits(new Limit("jemalloc", Metric.RETAINED_RSS, 300.0 * MIB, null),
                        new Limit("*", Metric.PEAK_RSS, 2.0 * GIB, null)));

        assertThat(outcome.checks()).extracting(CheckResult::allocator).containsExactly("system");
        assertThat(outcome.warnings()).containsExactly("jemalloc has no ok run in this bench (skipped: jemalloc: "
                + "/usr/lib/libjemalloc.so not found. Install it.), so 2 check(s) were not made: retainedRss limit, "
                + "peakRss limit.");
    }

    @Test
    void failedTrialsAreLeftOutOfTheMedian() {
        BenchResult result = result(ok("system", 1, GIB, MIB, 20_000, 5), ok("jemalloc", 1, GIB, MIB, 20_000, 5),
                failed("system", 2), ok("jemalloc", 2, 3 * GIB, MIB, 20_000, 5));

        GateOutcome outcome = Gate.evaluate(result, null, limits(new Limit("*", Metric.PEAK_RSS, 1.5 * GIB, null)));

        assertThat(outcome.checks()).extracting(CheckResult::passed).containsExactly(true, false);
        assertThat(outcome.checks().get(1).actual()).isEqualTo(2.0 * GIB);
    }

    @Test
    void aMetricTheBenchDidNotMeasureIsAWarningWithTheFix() {
        GateOutcome outcome = Gate.evaluate(threeTrials(), null,
                limits(new Limit("system", Metric.OUTSIDE_NMT, 100.0 * MIB, null)));

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.warnings()).containsExactly("system outsideNmt was not measured in this bench, so its "
                + "limit was not checked. Add -XX:NativeMemoryTracking=summary to <jvmArgs> to measure it.");
    }

    @Test
    void nmtThatWasOnButFailedIsNamedInsteadOfAdvisingToTurnItOn() {
        RunResult run = ok("system", 1, GIB, MIB, 20_000, 5);
        RunSummary s = run.summary();
        RunSummary failedNmt = new RunSummary(s.peakRssKb(), s.peakVszKb(), s.idleRssKb(), s.medianLoadRssKb(),
                s.retainedRssKb(), s.returnedPercent(), null, null, Map.of(), RunSummary.SAMPLED, 0, null, 250,
                "NMT's summary could not be asked for: boom");
        RunResult withFailedNmt = new RunResult("system", 1, RunStatus.OK, null, false, 101L, null, null, null,
                List.of(), run.load(), failedNmt, null, null);

        GateOutcome outcome = Gate.evaluate(result(withFailedNmt), null,
                limits(new Limit("system", Metric.OUTSIDE_NMT, 100.0 * MIB, null)));

        assertThat(outcome.warnings()).singleElement().asString()
                .contains("Native Memory Tracking was on but failed: NMT's summary could not be asked for: boom")
                .doesNotContain("Add -XX:NativeMemoryTracking");
    }

    @Test
    void anAllocatorMissingFromTheBaselineIsAWarning() {
        BenchResult before = result(ok("system", 1, GIB, MIB, 20_000, 5), skipped("jemalloc", 1));

        GateOutcome outcome = Gate.evaluate(threeTrials(), Baseline.of(BASELINE_FILE, before),
                increases(new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(outcome.checks()).extracting(CheckResult::allocator).containsExactly("system");
        assertThat(outcome.warnings()).containsExactly("jemalloc peakRss was not compared with the baseline: "
                + BASELINE_FILE + " has no ok run of jemalloc. Record a new baseline with mvn verify "
                + "allocator:baseline.");
    }

    @Test
    void warnsNamingEachConditionThatDiffersFromTheBaselinesButStillCompares() {
        BenchResult before = result(ok("system", 1, GIB, MIB, 20_000, 5), ok("jemalloc", 1, GIB, MIB, 20_000, 5));
        ConfigSummary other = new ConfigSummary(CONFIG.handler(), CONFIG.allocators(), 10_000, 10_000,
                CONFIG.warmupMs(), CONFIG.cooldownMs(), CONFIG.sampleIntervalMs(), CONFIG.trials(),
                List.of("-Xms2g", "-Xmx2g"));
        BenchResult after = result(other, ENVIRONMENT, ok("system", 1, GIB, MIB, 20_000, 5),
                ok("jemalloc", 1, GIB, MIB, 20_000, 5));

        GateOutcome outcome = Gate.evaluate(after, Baseline.of(BASELINE_FILE, before),
                increases(new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(outcome.checks()).hasSize(2);
        assertThat(outcome.warnings()).hasSize(4);
        assertThat(outcome.warnings().get(0)).startsWith("The baseline " + BASELINE_FILE
                + " was recorded under other conditions");
        assertThat(outcome.warnings().subList(1, 4)).containsExactly(
                "  connections: 200 in the baseline, 10,000 now",
                "  duration: 3s in the baseline, 10s now",
                "  jvmArgs: -Xms256m -Xmx256m in the baseline, -Xms2g -Xmx2g now");
    }

    @Test
    void refusesALimitOnAnAllocatorTheBenchDidNotRun() {
        assertThatThrownBy(() -> Gate.evaluate(threeTrials(), null,
                limits(new Limit("tcmalloc", Metric.PEAK_RSS, 1.0, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tcmalloc', which this bench does not run");
    }

    @Test
    void noRulesNoChecks() {
        GateOutcome outcome = Gate.evaluate(threeTrials(), null, GateRules.NONE);

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.warnings()).isEmpty();
    }

    @Test
    void aCheckOnAnInvalidRunIsNeitherPassedNorFailedButCouldNotBeJudged() {
        RunResult silent = ok("jemalloc", 1, GIB, MIB, 0, 0).withValidity(Validity.of(List.of(
                "received no response in the measured window, so its latency and rate figures are empty")));
        BenchResult result = result(ok("system", 1, GIB, MIB, 20_000, 5).withValidity(Validity.VALID), silent);

        GateOutcome outcome = Gate.evaluate(result, null, limits(
                new Limit("*", Metric.P99_LATENCY, 50.0, null), new Limit("*", Metric.ERROR_RATE, 0.1, null)));

        // p99 of zero responses is 0 and would pass; the check is not made at all.
        assertThat(outcome.checks()).extracting(CheckResult::allocator).containsExactly("system", "system");
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.unjudgedSentences()).containsExactly("jemalloc: 2 check(s) could not be judged "
                + "(p99Latency maximum, errorRate maximum) because trial 1 is invalid: received no response in the "
                + "measured window, so its latency and rate figures are empty.");
        assertThat(outcome.unjudged()).extracting(UnjudgedCheck::allocator, UnjudgedCheck::metric,
                UnjudgedCheck::rule).containsExactly(tuple("jemalloc", "p99Latency", Gate.MAXIMUM),
                tuple("jemalloc", "errorRate", Gate.MAXIMUM));
    }

    @Test
    void oneInvalidTrialLeavesTheAllocatorsMaxIncreaseUnjudged() {
        BenchResult before = result(ok("system", 1, GIB, MIB, 20_000, 5), ok("jemalloc", 1, GIB, MIB, 20_000, 5));
        BenchResult after = result(ok("system", 1, GIB, MIB, 20_000, 5),
                ok("jemalloc", 1, GIB, MIB, 20_000, 5),
                ok("jemalloc", 2, GIB, MIB, 9_000, 5).withValidity(Validity.of(List.of(
                        "achieved 9,000 of the 10,000 req/s asked for (90.0%, below 95.0%), so the open loop fell "
                                + "behind"))));

        GateOutcome outcome = Gate.evaluate(after, Baseline.of(BASELINE_FILE, before),
                increases(new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(outcome.checks()).extracting(CheckResult::allocator).containsExactly("system");
        assertThat(outcome.unjudgedSentences()).singleElement().asString()
                .startsWith("jemalloc: 1 check(s) could not be judged (peakRss maxIncrease) because trial 2 is "
                        + "invalid: achieved 9,000 of the 10,000 req/s");
    }

    @Test
    void anInvalidRunWithoutRulesOnItIsNoUnjudgedCheck() {
        RunResult invalid = ok("jemalloc", 1, GIB, MIB, 0, 0).withValidity(Validity.of(List.of("held 0 of 200 "
                + "connections")));

        GateOutcome outcome = Gate.evaluate(result(ok("system", 1, GIB, MIB, 20_000, 5), invalid), null,
                limits(new Limit("system", Metric.PEAK_RSS, 2.0 * GIB, null)));

        assertThat(outcome.checks()).singleElement().extracting(CheckResult::passed).isEqualTo(true);
        assertThat(outcome.unjudged()).isEmpty();
    }

    @Test
    void aWindowStillClimbingLeavesThroughputAndLatencyUnjudgedButMemoryJudged() {
        BenchResult result = result(ok("system", 1, GIB, MIB, 20_000, 5), climbing(ok("jemalloc", 1, GIB, MIB, 20_000,
                5)));

        GateOutcome outcome = Gate.evaluate(result, null, limits(new Limit("*", Metric.P99_LATENCY, 50.0, null),
                new Limit("*", Metric.PEAK_RSS, 2.0 * GIB, null), new Limit("*", Metric.REQUESTS_PER_SECOND, null,
                        1_000.0)));

        assertThat(outcome.checks()).extracting(CheckResult::allocator, CheckResult::metric).containsExactly(
                tuple("system", "p99Latency"), tuple("system", "peakRss"), tuple("system", "requestsPerSecond"),
                tuple("jemalloc", "peakRss"));
        assertThat(outcome.unjudged()).extracting(UnjudgedCheck::allocator, UnjudgedCheck::metric,
                UnjudgedCheck::rule).containsExactly(tuple("jemalloc", "p99Latency", Gate.MAXIMUM),
                tuple("jemalloc", "requestsPerSecond", Gate.MINIMUM));
        assertThat(outcome.unjudgedSentences()).containsExactly("jemalloc: 2 check(s) could not be judged "
                + "(p99Latency maximum, requestsPerSecond minimum) because trial 1's measured window opened before "
                + "the load had settled (its first 2 s answered a median 1,000 responses per second, its last 2 s "
                + "3,000 (33.3%)), so its throughput and latency describe a start-up transient: raise settle (0s "
                + "here), e.g. <settle>10s</settle>, until the Throughput per second chart runs flat.");
    }

    @Test
    void aClimbingWindowLeavesThroughputComparedWithTheBaselineUnjudged() {
        BenchResult before = result(ok("system", 1, GIB, MIB, 20_000, 5), ok("jemalloc", 1, GIB, MIB, 20_000, 5));
        BenchResult after = result(ok("system", 1, GIB, MIB, 20_000, 5),
                climbing(ok("jemalloc", 1, GIB, MIB, 12_000, 5)));

        GateOutcome outcome = Gate.evaluate(after, Baseline.of(BASELINE_FILE, before), increases(
                new MaxIncrease(Metric.REQUESTS_PER_SECOND, 10, true), new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.checks()).extracting(CheckResult::allocator, CheckResult::metric).containsExactly(
                tuple("system", "requestsPerSecond"), tuple("system", "peakRss"), tuple("jemalloc", "peakRss"));
        assertThat(outcome.unjudged()).extracting(UnjudgedCheck::metric, UnjudgedCheck::rule)
                .containsExactly(tuple("requestsPerSecond", Gate.MAX_INCREASE));
    }

    @Test
    void aBaselineWhoseWindowWasClimbingIsNotComparedOnThroughputButOnMemory() {
        BenchResult before = result(ok("system", 1, GIB, MIB, 20_000, 5),
                climbing(ok("jemalloc", 1, GIB, MIB, 8_000, 5)));
        BenchResult after = result(ok("system", 1, GIB, MIB, 20_000, 5), ok("jemalloc", 1, GIB, MIB, 20_000, 5));
        Baseline baseline = Baseline.of(BASELINE_FILE, before);

        GateOutcome outcome = Gate.evaluate(after, baseline, increases(
                new MaxIncrease(Metric.P99_LATENCY, 10, true), new MaxIncrease(Metric.PEAK_RSS, 10, true)));

        assertThat(baseline.climbing("jemalloc")).singleElement().asString().startsWith("trial 1's measured window "
                + "opened before the load had settled (its first 2 s answered a median 1,000 responses per second");
        assertThat(baseline.climbing("system")).isEmpty();
        assertThat(outcome.checks()).extracting(CheckResult::allocator, CheckResult::metric).containsExactly(
                tuple("system", "p99Latency"), tuple("system", "peakRss"), tuple("jemalloc", "peakRss"));
        assertThat(outcome.unjudged()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("p99Latency maxIncrease");
            assertThat(u.reasons()).singleElement().asString().startsWith("the baseline's trial 1's measured window")
                    .endsWith("record a new one with a longer settle (mvn verify allocator:baseline)");
        });
    }

    @Test
    void aRelativeLatencyLimitOnAClimbingReferenceIsUnjudged() {
        BenchResult result = result(climbing(ok("system", 1, GIB, MIB, 20_000, 5)), ok("jemalloc", 1, GIB, MIB,
                20_000, 5));

        GateOutcome outcome = Gate.evaluate(result, null, limits(
                new Limit("jemalloc", Metric.P99_LATENCY, 110.0, null, "system", null, null),
                new Limit("jemalloc", Metric.PEAK_RSS, 110.0, null, "system", null, null)));

        assertThat(outcome.checks()).extracting(CheckResult::metric).containsExactly("peakRss");
        assertThat(outcome.unjudged()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("p99Latency maximumOf");
            assertThat(u.reasons()).singleElement().asString().startsWith("the reference system's trial 1's "
                    + "measured window opened before the load had settled");
        });
    }

    /** {@code run} with a six-second window climbing from 1,000 to 3,000 responses a second. */
    private static RunResult climbing(RunResult run) {
        LoadResult load = run.load();
        return run.toBuilder().load(new LoadResult(load.connectionsOpened(), load.requests(), load.errors(),
                load.errorsByCause(), load.requestsPerSecond(), load.latencyMs(), load.rampMs(),
                List.of(1000L, 1000L, 2000L, 2500L, 3000L, 3000L))).build();
    }
}
