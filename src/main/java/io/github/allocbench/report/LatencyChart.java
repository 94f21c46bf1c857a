package io.github.allocbench.report;

import io.github.allocbench.result.LatencySummary;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.Units;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Latency percentiles per run as grouped bars: one group per percentile (p50, p90, p99, p99.9, max), one bar per ok
 * run in its allocator's colour. The axis is logarithmic because the maximum is often a hundred times the median,
 * which would flatten the median bars on a linear one.
 */
final class LatencyChart {

    private static final double HEIGHT = 360;
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "max");
    /** Bars are never drawn below this, so a run with sub-microsecond figures still shows a sliver. */
    private static final double FLOOR_MS = 0.01;

    private LatencyChart() {
    }

    /** The chart, or {@code null} when no ok run carries latency figures. */
    static SvgChart of(List<RunResult> runs, Palette palette, boolean showTrial) {
        List<RunResult> drawn = runs.stream()
                .filter(r -> r.status() == RunStatus.OK && r.load() != null && r.load().latencyMs() != null)
                .toList();
        if (drawn.isEmpty()) {
            return null;
        }
        double low = Double.MAX_VALUE;
        double high = FLOOR_MS;
        for (RunResult run : drawn) {
            for (double v : values(run.load().latencyMs())) {
                low = Math.min(low, Math.max(v, FLOOR_MS));
                high = Math.max(high, v);
            }
        }
        SvgChart.Builder chart = SvgChart.builder("latency-chart", "Latency percentiles", HEIGHT,
                Axis.linear(0, PERCENTILES.size()), Axis.logarithmic(low, high), "percentile",
                "latency (ms, log scale)");
        double group = chart.plotWidth() / PERCENTILES.size();
        double barWidth = Math.min(40, group * 0.8 / drawn.size());
        for (int p = 0; p < PERCENTILES.size(); p++) {
            double groupLeft = SvgChart.LEFT + p * group + (group - barWidth * drawn.size()) / 2;
            for (int r = 0; r < drawn.size(); r++) {
                RunResult run = drawn.get(r);
                double value = values(run.load().latencyMs())[p];
                String name = ReportView.name(run, showTrial);
                Palette.Style style = palette.styleOf(run.variant());
                chart.bar(run.variant(), style.colour(), style.barOpacity(), groupLeft + r * barWidth,
                        barWidth - 1, Math.max(value, FLOOR_MS), name + " " + PERCENTILES.get(p) + ": "
                                + Units.millis(value));
            }
            chart.xCategory(PERCENTILES.get(p), SvgChart.LEFT + (p + 0.5) * group);
        }
        Set<String> allocators = new LinkedHashSet<>();
        drawn.forEach(r -> allocators.add(r.variant()));
        for (String allocator : allocators) {
            Palette.Style style = palette.styleOf(allocator);
            chart.legend(allocator, style.colour(), style.barOpacity(), true);
        }
        return chart.note("Latency of the requests completed in the measured window, from a closed loop: each "
                + "connection sends its next request when the previous response arrives. The exact figures are in "
                + "the table below.").build();
    }

    static double[] values(LatencySummary l) {
        return new double[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()};
    }

    static List<String> percentiles() {
        return PERCENTILES;
    }
}
