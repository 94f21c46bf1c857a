package io.github.allocbench.report;

import io.github.allocbench.report.ReportView.Breakdown;
import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where one allocator's RSS went, over time, as a stacked area: the Java heap committed, the native memory Native
 * Memory Tracking sees besides the heap (NMT committed minus heap committed: metaspace, code cache, thread stacks,
 * GC structures, direct buffers), and the remainder of RSS that NMT does not see — malloc fragmentation, the
 * allocator's caches and retained free memory, which is where allocators differ. With several trials the chart
 * shows the trial whose peak RSS is nearest the allocator's median.
 */
final class MemoryBreakdownChart {

    private static final double HEIGHT = 340;
    private static final double KIB_PER_MIB = 1024;
    private static final double HEAP_OPACITY = 0.25;
    private static final double NATIVE_OPACITY = 0.5;
    private static final double OUTSIDE_OPACITY = 0.85;
    private static final String RSS_COLOUR = "#1b1b1b";

    private MemoryBreakdownChart() {
    }

    /** The run drawn for {@code stats}' allocator: its ok trial nearest the median peak RSS, if any. */
    static Optional<RunResult> representative(AllocatorStats stats, List<RunResult> runs) {
        AllocatorStats.Spread peak = stats.metrics().get(Metric.PEAK_RSS);
        return runs.stream()
                .filter(r -> r.variant().equals(stats.allocator()) && r.status() == RunStatus.OK)
                .filter(r -> !r.samples().isEmpty())
                .min(Comparator.comparingDouble(r -> peak == null ? 0
                        : Math.abs(r.summary().peakRssKb() - peak.median())));
    }

    /** Each allocator's representative run, in the order of {@code stats}; allocators without an ok run have none. */
    static List<RunResult> representatives(List<AllocatorStats> stats, List<RunResult> runs) {
        return stats.stream().flatMap(s -> representative(s, runs).stream()).toList();
    }

    /**
     * The chart of {@code run}, or a sentence saying why there is none (the run carried no JVM telemetry).
     *
     * @param index the chart's position, for its fragment id
     */
    static Breakdown of(RunResult run, int index, Palette palette, boolean showTrial, List<String> jvmArgs) {
        String name = ReportView.name(run, showTrial);
        List<MemorySample> samples = run.samples().stream().filter(s -> s.jvm() != null).toList();
        if (samples.isEmpty()) {
            return new Breakdown(name, null, name + ": the server sent no JVM telemetry, so its RSS cannot be split "
                    + "into heap, native and the rest.");
        }
        boolean nmt = samples.stream().anyMatch(s -> s.jvm().nmtCommittedKb() != null);
        if (nmt) {
            samples = samples.stream().filter(s -> s.jvm().nmtCommittedKb() != null).toList();
        }
        int n = samples.size();
        double[] xs = new double[n];
        double[] heap = new double[n];
        double[] tracked = new double[n];
        double[] top = new double[n];
        double[] rss = new double[n];
        long maxKb = 0;
        long maxMs = 0;
        int below = 0;
        long deepestKb = 0;
        for (int i = 0; i < n; i++) {
            MemorySample s = samples.get(i);
            JvmSnapshot jvm = s.jvm();
            long heapKb = jvm.heapCommittedKb();
            long trackedKb = nmt ? Math.max(heapKb, jvm.nmtCommittedKb()) : heapKb;
            xs[i] = s.tMs() / 1000.0;
            heap[i] = heapKb / KIB_PER_MIB;
            tracked[i] = trackedKb / KIB_PER_MIB;
            top[i] = Math.max(trackedKb, s.rssKb()) / KIB_PER_MIB;
            rss[i] = s.rssKb() / KIB_PER_MIB;
            if (s.rssKb() < trackedKb) {
                below++;
                deepestKb = Math.max(deepestKb, trackedKb - s.rssKb());
            }
            maxKb = Math.max(maxKb, Math.max(trackedKb, s.rssKb()));
            maxMs = Math.max(maxMs, s.tMs());
        }
        String colour = palette.colourOf(run.variant());
        String id = "breakdown-" + index;
        SvgChart.Builder chart = SvgChart.builder(id, name + ": where RSS went", HEIGHT,
                Axis.linear(0, maxMs / 1000.0), Axis.linear(0, maxKb / KIB_PER_MIB),
                "time since the server was ready (s)", "MiB");
        double[] zero = new double[n];
        String heapName = "heap committed";
        String trackedName = "NMT-tracked native";
        String outsideName = nmt ? "outside NMT (allocator)" : "rest of RSS";
        chart.area(heapName, run.variant(), colour, HEAP_OPACITY, xs(xs), stack(heap, zero));
        if (nmt) {
            chart.area(trackedName, run.variant(), colour, NATIVE_OPACITY, xs(xs), stack(tracked, heap));
        }
        chart.area(outsideName, run.variant(), colour, OUTSIDE_OPACITY, xs(xs), stack(top, tracked));
        chart.line("RSS", run.variant(), RSS_COLOUR, 1.5, "5 3", xs, rss);
        chart.legend(heapName, colour, HEAP_OPACITY, true);
        if (nmt) {
            chart.legend(trackedName, colour, NATIVE_OPACITY, true);
        }
        chart.legend(outsideName, colour, OUTSIDE_OPACITY, true);
        chart.legend("RSS", RSS_COLOUR, 1, false);
        if (nmt) {
            chart.note("Bottom to top: the Java heap committed; what Native Memory Tracking counts besides the heap "
                    + "(metaspace, code cache, thread stacks, GC, direct buffers); and RSS minus NMT's committed total,"
                    + " which NMT cannot see: malloc fragmentation and the allocator's caches.");
        } else {
            chart.note("Native Memory Tracking was off, so only the heap can be told apart from the rest of RSS. Add "
                    + "-XX:NativeMemoryTracking=summary to jvmArgs to split the native part (it costs a little "
                    + "throughput).");
        }
        if (below > 0) {
            boolean preTouch = jvmArgs.contains("-XX:+AlwaysPreTouch");
            chart.note("In " + below + " of " + n + " samples RSS was below " + (nmt ? "NMT's committed total"
                    : "the committed heap") + " (by up to " + Units.size(deepestKb) + "), so the top layer is "
                    + "empty there and the dashed RSS line dips into the stack: committed memory counts as soon as "
                    + "it is reserved, RSS only once a page is touched. "
                    + (preTouch ? "-XX:+AlwaysPreTouch was set, so the heap was touched up front; the gap is "
                    + "native memory committed but not yet used."
                    : "-XX:+AlwaysPreTouch touches the heap at start-up and aligns the two."));
        }
        return new Breakdown(name, chart.build(), null);
    }

    private static double[] xs(double[] xs) {
        double[] closed = new double[xs.length * 2];
        for (int i = 0; i < xs.length; i++) {
            closed[i] = xs[i];
            closed[xs.length * 2 - 1 - i] = xs[i];
        }
        return closed;
    }

    /** The polygon's heights: along {@code upper} forwards, then back along {@code lower}. */
    private static double[] stack(double[] upper, double[] lower) {
        double[] closed = new double[upper.length * 2];
        for (int i = 0; i < upper.length; i++) {
            closed[i] = upper[i];
            closed[upper.length * 2 - 1 - i] = lower[i];
        }
        return closed;
    }

    static List<Breakdown> all(List<AllocatorStats> stats, List<RunResult> runs, Palette palette, boolean showTrial,
                               List<String> jvmArgs) {
        List<Breakdown> charts = new ArrayList<>();
        for (RunResult run : representatives(stats, runs)) {
            charts.add(of(run, charts.size() + 1, palette, showTrial, jvmArgs));
        }
        return charts;
    }
}
