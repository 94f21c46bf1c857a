package io.github.allocbench.result;


import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricTest {

    static RunResult run(long peakRss, Long outsideNmt, LoadResult load) {
        RunSummary summary = new RunSummary(peakRss, 4_000_000, 100_000, 300_000, 50_000, 40.0, null, outsideNmt,
                Map.of());
        return new RunResult("system", 1, RunStatus.OK, null, false, 1L, null, null, null, List.of(), load, summary, null, null);
    }

    static LoadResult load(long requests, long errors, double rps, double p99) {
        return new LoadResult(200, requests, errors, Map.of(), rps, new LatencySummary(1, 2, p99, 9, 12), 100,
                List.of());
    }

    @Test
    void readsEachFigureFromTheRun() {
        RunResult run = run(400_000, 12_000L, load(9_900, 100, 3_300.5, 7.5));

        assertThat(Metric.PEAK_RSS.of(run)).isEqualTo(400_000.0);
        assertThat(Metric.PEAK_VSZ.of(run)).isEqualTo(4_000_000.0);
        assertThat(Metric.MEDIAN_LOAD_RSS.of(run)).isEqualTo(300_000.0);
        assertThat(Metric.RETAINED_RSS.of(run)).isEqualTo(50_000.0);
        assertThat(Metric.OUTSIDE_NMT.of(run)).isEqualTo(12_000.0);
        assertThat(Metric.REQUESTS_PER_SECOND.of(run)).isEqualTo(3_300.5);
        assertThat(Metric.P99_LATENCY.of(run)).isEqualTo(7.5);
        assertThat(Metric.ERROR_RATE.of(run)).isEqualTo(1.0);
    }

    @Test
    void aServerAnsweringOnlyErrorsHasAnErrorRateOf100Percent() {
        LoadResult allErrors = new LoadResult(200, 5_000, 5_000, Map.of("status 500", 5_000L), 1_000,
                LatencySummary.NONE, 100, List.of(), 0, 1, 0, 0, null, 5_000, 0, 100.0, 5_000, null);
        // A file written before errorRatePercent, where requests held the non-2xx responses too.
        LoadResult legacy = new LoadResult(200, 5_000, 5_000, Map.of("status 500", 5_000L), 1_000,
                LatencySummary.NONE, 100, List.of());

        assertThat(Metric.ERROR_RATE.of(run(1, null, allErrors))).isEqualTo(100.0);
        assertThat(Metric.ERROR_RATE.of(run(1, null, legacy))).isEqualTo(100.0);
    }

    @Test
    void aFigureTheRunDidNotMeasureIsNull() {
        RunResult noLoad = run(400_000, null, null);

        assertThat(Metric.OUTSIDE_NMT.of(noLoad)).isNull();
        assertThat(Metric.REQUESTS_PER_SECOND.of(noLoad)).isNull();
        assertThat(Metric.P99_LATENCY.of(noLoad)).isNull();
        assertThat(Metric.ERROR_RATE.of(noLoad)).isNull();
    }

    @Test
    void anErrorRateWithoutAttemptsIsZero() {
        assertThat(Metric.ERROR_RATE.of(run(1, null, load(0, 0, 0, 0)))).isEqualTo(0.0);
    }

    @Test
    void onlyThroughputIsBetterHigher() {
        for (Metric m : Metric.values()) {
            assertThat(m.higherIsBetter()).as(m.key()).isEqualTo(m == Metric.REQUESTS_PER_SECOND);
        }
        assertThat(Metric.PEAK_RSS.unit()).isEqualTo(Metric.Unit.KIB);
        assertThat(Metric.P99_LATENCY.unit()).isEqualTo(Metric.Unit.MILLIS);
        assertThat(Metric.ERROR_RATE.unit()).isEqualTo(Metric.Unit.PERCENT);
        assertThat(Metric.REQUESTS_PER_SECOND.unit()).isEqualTo(Metric.Unit.PER_SECOND);
    }

    @Test
    void isFoundByTheKeyUsersWriteIgnoringCaseAndBlanks() {
        assertThat(Metric.ofKey("peakRss")).isEqualTo(Metric.PEAK_RSS);
        assertThat(Metric.ofKey(" RETAINEDRSS ")).isEqualTo(Metric.RETAINED_RSS);
        assertThat(Metric.ofKey("requestsPerSecond")).isEqualTo(Metric.REQUESTS_PER_SECOND);
        assertThat(Metric.PEAK_RSS).hasToString("peakRss");
    }

    @Test
    void anUnknownKeyListsTheKnownOnes() {
        assertThatThrownBy(() -> Metric.ofKey("peakRSZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric 'peakRSZ' is unknown")
                .hasMessageContaining("peakRss, medianLoadRss, retainedRss, peakVsz, outsideNmt, requestsPerSecond, "
                        + "p99Latency, errorRate");
        assertThatThrownBy(() -> Metric.ofKey(null)).hasMessageContaining("metric 'null' is unknown");
    }
}
