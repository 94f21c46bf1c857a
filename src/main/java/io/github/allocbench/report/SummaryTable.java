package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.WindowRise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The summary table of the HTML report and of {@code summary.md}: one row per run, the figures of {@link SummaryRow},
 * and in each numeric column the best value among the ok and valid runs marked, so the eye finds it without relying on
 * colour. A column is marked only when at least two runs have a value in it and they differ; ties are all marked. The
 * throughput and latency of a run whose window was still climbing ({@link WindowRise}) are shown but never marked.
 *
 * @param columns the figure columns, after the allocator, status and preload columns
 * @param rows    one per run, in run order
 */
public record SummaryTable(List<Column> columns, List<Row> rows) {

    /** A figure column: its header, and whether the best is the highest value rather than the lowest. */
    public record Column(String header, String title) {
    }

    /** A run's row: its formatted figures and the cells holding the column's best value. */
    public record Row(SummaryRow run, List<Cell> cells) {
    }

    /** One figure; {@code best} when it is the column's best. */
    public record Cell(String text, boolean best) {
    }

    /** The marker the page and the Markdown put next to a best value, besides making it bold. */
    static final String BEST_MARK = "\u2605";

    private record Definition(Column column, Function<SummaryRow, String> text, Function<RunResult, Double> value,
                              boolean higherIsBetter) {
    }

    private static final List<Definition> DEFINITIONS = List.of(
            metric("Peak native", "highest native RSS: RSS minus the Java heap's resident part, what the allocator "
                    + "governs", SummaryRow::peakNative, Metric.PEAK_NATIVE_RSS),
            metric("Median load native", "median native RSS over the measured window", SummaryRow::medianLoadNative,
                    Metric.MEDIAN_LOAD_NATIVE_RSS),
            metric("Retained native", "native RSS at the end of the cooldown minus native RSS before the load",
                    SummaryRow::retainedNative, Metric.RETAINED_NATIVE_RSS),
            metric("Peak RSS", "highest resident set size, Java heap included: what a container limit sees",
                    SummaryRow::peakRss, Metric.PEAK_RSS),
            metric("Median load RSS", "median RSS over the measured window", SummaryRow::medianLoadRss,
                    Metric.MEDIAN_LOAD_RSS),
            metric("Retained RSS", "RSS at the end of the cooldown minus RSS before the load",
                    SummaryRow::retainedRss, Metric.RETAINED_RSS),
            new Definition(new Column("Returned", "share of the load's growth given back by the end of the run"),
                    SummaryRow::returned, r -> r.summary().returnedPercent(), true),
            // Shown, never starred: reserved address space is not memory used, and mimalloc reserves eagerly.
            new Definition(new Column("Peak VSZ", "highest virtual size: address space reserved, not used"),
                    SummaryRow::peakVsz, r -> null, false),
            // A negative figure is committed heap not yet touched, not a thrifty allocator: it gets no star.
            new Definition(new Column("Outside NMT",
                    "median RSS under load that Native Memory Tracking does not see"),
                    SummaryRow::outsideNmt, r -> {
                        Double v = Metric.OUTSIDE_NMT.of(r);
                        return v == null || v < 0 ? null : v;
                    }, false),
            metric("Req/s", "responses per second in the measured window", SummaryRow::requestsPerSecond,
                    Metric.REQUESTS_PER_SECOND),
            new Definition(new Column("p50", "median latency"), SummaryRow::p50, settled(
                    r -> r.load() == null || r.load().latencyMs() == null ? null : r.load().latencyMs().p50()), false),
            metric("p99", "99th percentile latency", SummaryRow::p99, Metric.P99_LATENCY),
            metric("Errors", "failed requests and connects, and their rate: errors over successes plus errors",
                    SummaryRow::errors, Metric.ERROR_RATE),
            new Definition(new Column("Connections held", "connections really opened and held"),
                    SummaryRow::connections,
                    r -> r.load() == null ? null : (double) r.load().connectionsOpened(), true));

    private static Definition metric(String header, String title, Function<SummaryRow, String> text,
                                     Metric metric) {
        return new Definition(new Column(header, title), text,
                metric.paceDependent() ? settled(metric::of) : metric::of, metric.higherIsBetter());
    }

    /** {@code value} where the run's window had settled: a climbing window's throughput and latency are never best. */
    private static Function<RunResult, Double> settled(Function<RunResult, Double> value) {
        return r -> WindowRise.climbed(r) ? null : value.apply(r);
    }

    static SummaryTable of(BenchResult result) {
        boolean showTrial = result.config() != null && result.config().trials() > 1;
        List<RunResult> runs = result.runs();
        List<Set<Integer>> best = new ArrayList<>();
        for (Definition d : DEFINITIONS) {
            best.add(bestRows(runs, d));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            SummaryRow row = SummaryRow.of(runs.get(r), showTrial);
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < DEFINITIONS.size(); c++) {
                cells.add(new Cell(DEFINITIONS.get(c).text().apply(row), best.get(c).contains(r)));
            }
            rows.add(new Row(row, cells));
        }
        return new SummaryTable(DEFINITIONS.stream().map(Definition::column).toList(), rows);
    }

    private static Set<Integer> bestRows(List<RunResult> runs, Definition d) {
        Set<Integer> best = new HashSet<>();
        Double bestValue = null;
        int candidates = 0;
        for (int r = 0; r < runs.size(); r++) {
            RunResult run = runs.get(r);
            // An invalid run's figures are shown but never best: zero responses would otherwise win "lowest p99".
            Double v = run.isJudgeable() ? d.value().apply(run) : null;
            if (v == null) {
                continue;
            }
            candidates++;
            boolean better = bestValue == null || (d.higherIsBetter() ? v > bestValue : v < bestValue);
            if (better) {
                best.clear();
                bestValue = v;
            }
            if (v.equals(bestValue)) {
                best.add(r);
            }
        }
        // All equal (no errors anywhere, every connection held) is no distinction worth marking.
        return candidates < 2 || best.size() == candidates ? Set.of() : best;
    }
}
