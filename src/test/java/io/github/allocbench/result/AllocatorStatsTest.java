package io.github.allocbench.result;


import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AllocatorStatsTest {

    private static RunResult ok(String allocator, int trial, long peakRss, double rps) {
        RunSummary summary = new RunSummary(peakRss, 1_000_000, 100_000, peakRss - 10, 5_000, null, null, null,
                Map.of());
        return new RunResult(allocator, trial, RunStatus.OK, null, false, 1L, null, null, null, List.of(),
                MetricTest.load(1_000, 0, rps, 3.0), summary, null, null);
    }

    private static RunResult failed(String allocator, int trial) {
        return new RunResult(allocator, trial, RunStatus.FAILED, null, false, 1L, 137, "killed", null, List.of(),
                null, new RunSummary(9_999_999, 9_999_999, 0, 0, 0, null, null, null, Map.of()), null, null);
    }

    private static BenchResult result(List<String> allocators, List<RunResult> runs) {
        return new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo("0.1.0"), null,
                new ConfigSummary(null, allocators, 200, 3_000, 0, 1_000, 500, 3, List.of()), runs, List.of());
    }

    @Test
    void takesTheMedianAndRangeOverTrialsPerAllocator() {
        BenchResult result = result(List.of("system", "jemalloc"), List.of(
                ok("system", 1, 300, 10), ok("jemalloc", 1, 200, 40),
                ok("system", 2, 500, 30), ok("jemalloc", 2, 260, 20),
                ok("system", 3, 310, 20), ok("jemalloc", 3, 230, 30)));

        List<AllocatorStats> stats = AllocatorStats.of(result);

        assertThat(stats).extracting(AllocatorStats::allocator).containsExactly("system", "jemalloc");
        AllocatorStats system = stats.get(0);
        assertThat(system.okRuns()).isEqualTo(3);
        assertThat(system.runs()).isEqualTo(3);
        assertThat(system.metrics().get(Metric.PEAK_RSS)).isEqualTo(new AllocatorStats.Spread(310, 300, 500));
        assertThat(system.metrics().get(Metric.REQUESTS_PER_SECOND)).isEqualTo(new AllocatorStats.Spread(20, 10, 30));
        assertThat(stats.get(1).metrics().get(Metric.PEAK_RSS)).isEqualTo(new AllocatorStats.Spread(230, 200, 260));
    }

    @Test
    void aClimbingWindowCountsForMemoryButNotForThroughputAndLatency() {
        RunResult climbing = ok("system", 2, 500, 99);
        LoadResult load = climbing.load();
        climbing = climbing.toBuilder().load(new LoadResult(load.connectionsOpened(), load.requests(), load.errors(),
                load.errorsByCause(), load.requestsPerSecond(), load.latencyMs(), load.rampMs(),
                List.of(100L, 100L, 200L, 250L, 300L, 300L))).build();
        BenchResult result = result(List.of("system"), List.of(ok("system", 1, 300, 10), climbing,
                ok("system", 3, 310, 20)));

        AllocatorStats system = AllocatorStats.of(result).get(0);

        assertThat(system.okRuns()).isEqualTo(3);
        assertThat(system.metrics().get(Metric.PEAK_RSS)).isEqualTo(new AllocatorStats.Spread(310, 300, 500));
        assertThat(system.metrics().get(Metric.REQUESTS_PER_SECOND)).isEqualTo(new AllocatorStats.Spread(15, 10, 20));
        assertThat(system.metrics().get(Metric.P99_LATENCY).max()).isEqualTo(3.0);
    }

    @Test
    void anEvenNumberOfTrialsAveragesTheMiddleTwo() {
        BenchResult result = result(List.of("system"), List.of(
                ok("system", 1, 100, 1), ok("system", 2, 400, 1), ok("system", 3, 200, 1), ok("system", 4, 300, 1)));

        assertThat(AllocatorStats.of(result).get(0).metrics().get(Metric.PEAK_RSS).median()).isEqualTo(250.0);
    }

    @Test
    void countsOnlyOkRunsAndLeavesOutMetricsNoRunMeasured() {
        BenchResult result = result(List.of("system", "mimalloc"), List.of(
                ok("system", 1, 300, 10), failed("mimalloc", 1),
                failed("system", 2), failed("mimalloc", 2)));

        List<AllocatorStats> stats = AllocatorStats.of(result);

        AllocatorStats system = stats.get(0);
        assertThat(system.okRuns()).isEqualTo(1);
        assertThat(system.runs()).isEqualTo(2);
        assertThat(system.metrics().get(Metric.PEAK_RSS)).isEqualTo(new AllocatorStats.Spread(300, 300, 300));
        assertThat(system.metrics()).doesNotContainKey(Metric.OUTSIDE_NMT);
        AllocatorStats mimalloc = stats.get(1);
        assertThat(mimalloc.okRuns()).isZero();
        assertThat(mimalloc.runs()).isEqualTo(2);
        assertThat(mimalloc.metrics()).isEmpty();
    }

    @Test
    void leavesOutConfiguredAllocatorsWithoutRunsAndKeepsUnconfiguredOnesAfterTheRest() {
        BenchResult result = result(List.of("system", "tcmalloc"), List.of(
                ok("custom", 1, 100, 1), ok("system", 1, 200, 1)));

        assertThat(AllocatorStats.of(result)).extracting(AllocatorStats::allocator)
                .containsExactly("system", "custom");
    }
}
