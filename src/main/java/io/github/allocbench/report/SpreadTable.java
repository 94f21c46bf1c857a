package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.Metric;

import java.util.List;

/**
 * Each allocator's medians over its trials with the trial-to-trial range beside them, so that a reader sees how far
 * the noise reaches before reading a difference between two medians. Shown when a bench ran more than one trial.
 *
 * @param headers the metric columns after the allocator and trial count
 * @param rows    one per allocator with a judgeable run, in the bench's order
 */
public record SpreadTable(List<String> headers, List<SpreadTable.Row> rows) {

    /** One allocator: its name, how many trials counted, and per metric {@code median (min to max)}. */
    public record Row(String allocator, String trials, List<String> cells) {
    }

    private static final List<Metric> METRICS = List.of(Metric.PEAK_NATIVE_RSS, Metric.MEDIAN_LOAD_NATIVE_RSS,
            Metric.RETAINED_NATIVE_RSS, Metric.PEAK_RSS, Metric.REQUESTS_PER_SECOND, Metric.P99_LATENCY);
    private static final List<String> HEADERS = List.of("Peak native", "Median load native", "Retained native",
            "Peak RSS", "Req/s", "p99");

    static SpreadTable of(List<AllocatorStats> stats) {
        List<Row> rows = stats.stream().filter(s -> s.okRuns() > 0).map(s -> new Row(s.allocator(),
                s.okRuns() + " of " + s.runs(), METRICS.stream().map(m -> cell(s, m)).toList())).toList();
        return new SpreadTable(HEADERS, rows);
    }

    private static String cell(AllocatorStats stats, Metric metric) {
        AllocatorStats.Spread spread = stats.metrics().get(metric);
        if (spread == null) {
            return SummaryRow.NONE;
        }
        return Verdict.value(metric, spread.median()) + " (" + Verdict.value(metric, spread.min()) + " to "
                + Verdict.value(metric, spread.max()) + ")";
    }
}
