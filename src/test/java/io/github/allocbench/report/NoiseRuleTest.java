package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.Metric;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseRuleTest {

    private static AllocatorStats stats(String name, int trials, Metric metric, double median, double min,
                                        double max) {
        return new AllocatorStats(name, trials, trials, Map.of(metric, new AllocatorStats.Spread(median, min, max)));
    }

    @Test
    void aTieIsAboutTheSame() {
        AllocatorStats a = stats("a", 3, Metric.PEAK_NATIVE_RSS, 200_000, 199_000, 201_000);
        AllocatorStats b = stats("b", 3, Metric.PEAK_NATIVE_RSS, 200_000, 190_000, 210_000);

        assertThat(NoiseRule.call(Metric.PEAK_NATIVE_RSS, a, b)).isEqualTo(NoiseRule.Call.ABOUT_THE_SAME);
    }

    @Test
    void overlappingRangesAreNoiseAndSeparateOnesAreCalled() {
        AllocatorStats system = stats("system", 3, Metric.PEAK_NATIVE_RSS, 358_400, 357_000, 360_000);
        AllocatorStats overlapping = stats("jemalloc", 3, Metric.PEAK_NATIVE_RSS, 340_000, 330_000, 357_500);
        AllocatorStats separate = stats("mimalloc", 3, Metric.PEAK_NATIVE_RSS, 332_000, 329_000, 337_000);

        assertThat(NoiseRule.call(Metric.PEAK_NATIVE_RSS, overlapping, system))
                .isEqualTo(NoiseRule.Call.INSIDE_NOISE);
        assertThat(NoiseRule.call(Metric.PEAK_NATIVE_RSS, separate, system)).isEqualTo(NoiseRule.Call.BETTER);
        assertThat(NoiseRule.call(Metric.PEAK_NATIVE_RSS, system, separate)).isEqualTo(NoiseRule.Call.WORSE);
    }

    @Test
    void higherIsBetterForThroughput() {
        AllocatorStats fast = stats("fast", 2, Metric.REQUESTS_PER_SECOND, 30_000, 29_000, 31_000);
        AllocatorStats slow = stats("slow", 2, Metric.REQUESTS_PER_SECOND, 25_000, 24_000, 26_000);

        assertThat(NoiseRule.call(Metric.REQUESTS_PER_SECOND, fast, slow)).isEqualTo(NoiseRule.Call.BETTER);
        assertThat(NoiseRule.call(Metric.REQUESTS_PER_SECOND, slow, fast)).isEqualTo(NoiseRule.Call.WORSE);
    }

    @Test
    void oneTrialCannotCallAnyDifferenceAboveTheFloor() {
        AllocatorStats a = stats("a", 1, Metric.PEAK_NATIVE_RSS, 300_000, 300_000, 300_000);
        AllocatorStats b = stats("b", 1, Metric.PEAK_NATIVE_RSS, 400_000, 400_000, 400_000);

        assertThat(NoiseRule.call(Metric.PEAK_NATIVE_RSS, a, b)).isEqualTo(NoiseRule.Call.UNSETTLED);
    }

    @Test
    void theFloorIsOneMibOrOnePercentForSizesAndOnePercentOtherwise() {
        assertThat(NoiseRule.floor(Metric.RETAINED_NATIVE_RSS, 300)).isEqualTo(1024);
        assertThat(NoiseRule.floor(Metric.PEAK_NATIVE_RSS, 300_000)).isEqualTo(3_000);
        assertThat(NoiseRule.floor(Metric.P99_LATENCY, 20)).isEqualTo(0.2);
        // Retained memory near zero: 700 KiB apart is below the floor, even with separate ranges.
        AllocatorStats a = stats("a", 3, Metric.RETAINED_NATIVE_RSS, 300, 250, 350);
        AllocatorStats b = stats("b", 3, Metric.RETAINED_NATIVE_RSS, 1_000, 950, 1_050);
        assertThat(NoiseRule.call(Metric.RETAINED_NATIVE_RSS, a, b)).isEqualTo(NoiseRule.Call.ABOUT_THE_SAME);
    }
}
