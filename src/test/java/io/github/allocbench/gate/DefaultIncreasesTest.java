package io.github.allocbench.gate;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.allocbench.gate.GateFixture.ENVIRONMENT;
import static io.github.allocbench.gate.GateFixture.MIB;
import static io.github.allocbench.gate.GateFixture.nativeRun;
import static io.github.allocbench.gate.GateFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The gate once a baseline exists and no maxIncrease is configured, the warning levels and the one-line form. */
class DefaultIncreasesTest {

    private static final Path BASELINE_FILE = Path.of("/project/allocator-baseline.json");
    private static final ConfigSummary SYSTEM = new ConfigSummary("com.example.Hello", List.of("system"), 200,
            3_000, 2_000, 1_000, 500, 1, List.of("-Xms256m", "-Xmx256m"));

    private static BenchResult bench(RunResult... runs) {
        return result(SYSTEM, ENVIRONMENT, runs);
    }

    @Test
    void aBaselineWithoutMaxIncreaseIsComparedWithTheDefaultsWhichTheNoteNames() {
        Baseline baseline = Baseline.of(BASELINE_FILE, bench(nativeRun("system", 1, 200 * MIB, 10 * MIB, 5)));
        BenchResult leaking = bench(nativeRun("system", 1, 230 * MIB, 20 * MIB, 6));

        GateOutcome outcome = Gate.evaluate(leaking, baseline, GateRules.NONE);

        assertThat(outcome.notes()).containsExactly("Comparing with the baseline " + BASELINE_FILE + " using the "
                + "default maxIncrease peakNativeRss 10% (warning at 5%), retainedNativeRss 32 MiB (warning at 16 "
                + "MiB), p99Latency 50% (warning at 25%), errorRate 0.50 points (warning at 0.25 points); set "
                + "<maxIncrease> to choose your own, or -Dallocbench.baseline.skip to compare nothing.");
        assertThat(outcome.checks()).extracting(CheckResult::metric)
                .containsExactly("peakNativeRss", "retainedNativeRss", "p99Latency", "errorRate");
        assertThat(outcome.checks()).extracting(CheckResult::level)
                .containsExactly(CheckResult.FAIL, CheckResult.PASS, CheckResult.PASS, CheckResult.PASS);
        assertThat(outcome.violations()).singleElement().extracting(CheckResult::message).isEqualTo(
                "system peakNativeRss is 230 MiB: it increased 15.0% over the baseline's 200 MiB, but the maximum "
                        + "increase is 10%.");
        assertThat(outcome.checks().get(1).message()).isEqualTo("system retainedNativeRss is 20 MiB: it increased "
                + "10 MiB over the baseline's 10 MiB, within the maximum increase of 32 MiB.");
    }

    @Test
    void withoutABaselineTheDefaultsCompareNothing() {
        GateOutcome outcome = Gate.evaluate(bench(nativeRun("system", 1, 230 * MIB, 20 * MIB, 6)), null,
                GateRules.NONE);

        assertThat(outcome.checks()).isEmpty();
        assertThat(outcome.notes()).isEmpty();
    }

    @Test
    void aConfiguredMaxIncreaseReplacesTheDefaults() {
        Baseline baseline = Baseline.of(BASELINE_FILE, bench(nativeRun("system", 1, 200 * MIB, 10 * MIB, 5)));

        GateOutcome outcome = Gate.evaluate(bench(nativeRun("system", 1, 230 * MIB, 20 * MIB, 6)), baseline,
                new GateRules(List.of(), List.of(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 20, true))));

        assertThat(outcome.notes()).isEmpty();
        assertThat(outcome.checks()).singleElement().extracting(CheckResult::level).isEqualTo(CheckResult.PASS);
    }

    @Test
    void aDefaultIsWidenedToTwiceTheLargestRangeBetweenTrials() {
        // p99 of the baseline's trials spans 10 to 14 ms around 12: a range of 33.3% of the median.
        Baseline baseline = Baseline.of(BASELINE_FILE, bench(nativeRun("system", 1, 200 * MIB, 10 * MIB, 10),
                nativeRun("system", 2, 201 * MIB, 10 * MIB, 12), nativeRun("system", 3, 202 * MIB, 10 * MIB, 14)));
        // +58%: past the unsized 50%, within the widened 66.7%.
        BenchResult slower = bench(nativeRun("system", 1, 201 * MIB, 10 * MIB, 19));

        GateOutcome outcome = Gate.evaluate(slower, baseline, GateRules.NONE);

        assertThat(outcome.notes()).singleElement().asString()
                .contains("peakNativeRss 10% (warning at 5%), ")
                .contains("p99Latency 66.7% (warning at 33.3%; widened from 50% to 2 x the largest range between "
                        + "trials, 33.3%), ");
        CheckResult p99 = outcome.checks().stream().filter(c -> c.metric().equals("p99Latency")).findFirst()
                .orElseThrow();
        assertThat(p99.passed()).isTrue();
        assertThat(p99.level()).isEqualTo(CheckResult.WARN);
        assertThat(p99.message()).endsWith("within the maximum increase of 66.7% but past the warning level of "
                + "33.3%.");
        assertThat(p99.limit()).isCloseTo(12 * (1 + 2.0 * 4 / 12), within(1e-9));
    }

    @Test
    void oneTrialOnEachSideShowsNoNoiseSoNothingIsWidened() {
        DefaultIncreases.Sized sized = DefaultIncreases.size(
                AllocatorStats.of(bench(nativeRun("system", 1, 200 * MIB, 0, 5))),
                AllocatorStats.of(bench(nativeRun("system", 1, 400 * MIB, 0, 50))));

        assertThat(sized.increases()).isEqualTo(DefaultIncreases.unsized());
        assertThat(sized.widened()).isEmpty();
    }

    @Test
    void pastTheWarningLevelTheCheckPassesAsAWarning() {
        Baseline baseline = Baseline.of(BASELINE_FILE, bench(nativeRun("system", 1, 200 * MIB, 10 * MIB, 5)));
        GateRules rules = new GateRules(List.of(), List.of(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 20, true)),
                List.of(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 5, true)));

        GateOutcome outcome = Gate.evaluate(bench(nativeRun("system", 1, 220 * MIB, 10 * MIB, 5)), baseline, rules);

        CheckResult check = outcome.checks().get(0);
        assertThat(check.message()).isEqualTo("system peakNativeRss is 220 MiB: it increased 10.0% over the "
                + "baseline's 200 MiB, within the maximum increase of 20% but past the warning level of 5%.");
        assertThat(check.passed()).isTrue();
        assertThat(check.warned()).isTrue();
        assertThat(check.warnLimit()).isEqualTo(200 * MIB * 1.05);
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.warned()).containsExactly(check);
    }

    @Test
    void aWarningLevelReplacesTheDefaultsOwn() {
        Baseline baseline = Baseline.of(BASELINE_FILE, bench(nativeRun("system", 1, 200 * MIB, 10 * MIB, 5)));
        GateRules rules = new GateRules(List.of(), List.of(), List.of(new MaxIncrease(Metric.P99_LATENCY, 10, true)));

        GateOutcome outcome = Gate.evaluate(bench(nativeRun("system", 1, 200 * MIB, 10 * MIB, 6)), baseline, rules);

        assertThat(outcome.notes()).singleElement().asString().contains("p99Latency 50% (warning at 10%)");
        assertThat(outcome.checks()).filteredOn(CheckResult::warned).extracting(CheckResult::metric)
                .containsExactly("p99Latency");
    }

    @Test
    void aWarningLevelMustBeBelowItsAmountInTheSameFormForAComparedMetric() {
        List<MaxIncrease> peak = List.of(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 10, true));

        assertThatThrownBy(() -> new GateRules(List.of(), peak,
                List.of(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 10, true))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("warnIncrease peakNativeRss is 10%, not below maxIncrease peakNativeRss 10%, so it would "
                        + "never warn before the build fails. Lower it, e.g. to 5%.");
        assertThatThrownBy(() -> new GateRules(List.of(), peak,
                List.of(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 16 * MIB, false))))
                .hasMessage("warnIncrease peakNativeRss is 16 MiB but maxIncrease peakNativeRss is 10%. Write both "
                        + "as percentages, e.g. warnIncrease peakNativeRss 5%.");
        assertThatThrownBy(() -> new GateRules(List.of(), peak,
                List.of(new MaxIncrease(Metric.P99_LATENCY, 10, true))))
                .hasMessage("warnIncrease names p99Latency, which maxIncrease does not name (peakNativeRss). Add a "
                        + "maxIncrease for p99Latency above the warning level, or drop it.");
        assertThatThrownBy(() -> new GateRules(List.of(), List.of(),
                List.of(new MaxIncrease(Metric.PEAK_RSS, 10, true))))
                .hasMessageStartingWith("warnIncrease names peakRss, which the default maxIncrease does not compare "
                        + "(peakNativeRss, retainedNativeRss, p99Latency, errorRate).");
    }

    @Test
    void theOneLineFormReadsMetricColonAmountPairs() {
        assertThat(MaxIncrease.parseList("allocbench.maxIncrease", "peakNativeRss:10%, retainedNativeRss: 32MB"))
                .containsExactly(Map.entry("peakNativeRss", "10%"), Map.entry("retainedNativeRss", "32MB"));
        assertThat(MaxIncrease.parseAll(MaxIncrease.parseList("allocbench.maxIncrease",
                "peakNativeRss:10%,retainedNativeRss:32MB"))).containsExactly(
                new MaxIncrease(Metric.PEAK_NATIVE_RSS, 10, true),
                new MaxIncrease(Metric.RETAINED_NATIVE_RSS, 32 * MIB, false));
    }

    @Test
    void malformedOneLineTextIsRefusedShowingTheAcceptedForm() {
        assertThatThrownBy(() -> MaxIncrease.parseList("allocbench.maxIncrease", "peakNativeRss=10%"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("allocbench.maxIncrease is 'peakNativeRss=10%', but its entry 'peakNativeRss=10%' is not "
                        + "metric:amount. Write metric:amount[,metric:amount...], e.g. "
                        + "peakNativeRss:10%,retainedNativeRss:32MB.");
        assertThatThrownBy(() -> MaxIncrease.parseList("allocbench.maxIncrease", "peakNativeRss:10%,"))
                .hasMessageContaining("its entry '' is not metric:amount");
        assertThatThrownBy(() -> MaxIncrease.parseList("allocbench.maxIncrease", "peakRss:1%,peakRss:2%"))
                .hasMessage("allocbench.maxIncrease names peakRss twice. Keep one entry per metric.");
    }

    @Test
    void retainedNativeRssTakesAnAbsoluteAmountOnly() {
        assertThatThrownBy(() -> MaxIncrease.parse("retainedNativeRss", "10%"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("maxIncrease retainedNativeRss is '10%', a percentage, but retainedNativeRss "
                        + "can be zero or negative");
    }
}
