package io.github.allocbench.report;

import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.Median;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report's line charts over time, every ok run overlaid in its allocator's colour: RSS, native RSS and VSZ since
 * the server became ready with the run's phases shaded behind them, responses per second of the measured window, and
 * the allocator-governed native memory of each allocator's representative run. The memory axes span the data, so
 * that differences of tens of MiB show.
 */
final class TimeCharts {

    private static final double HEIGHT = 380;
    private static final double KIB_PER_MIB = 1024;

    /** Light enough that the lines stay readable on them, distinct enough to tell the phases apart in print. */
    private static final Map<Phase, String> PHASE_FILLS = Map.of(Phase.WARMUP, "#ececf6",
            Phase.IDLE, "#f2f2f2", Phase.RAMP, "#fdf0d5", Phase.LOAD, "#e4eef8", Phase.COOLDOWN, "#e6f4ea");

    private final List<RunResult> drawn;
    private final Palette palette;
    private final boolean showTrial;

    TimeCharts(List<RunResult> runs, Palette palette, boolean showTrial) {
        this.drawn = runs.stream().filter(r -> r.status() == RunStatus.OK && !r.samples().isEmpty()).toList();
        this.palette = palette;
        this.showTrial = showTrial;
    }

    /** RSS over time, or {@code null} when no ok run has samples. */
    SvgChart rss() {
        SvgChart.Builder chart = memory(drawn, "rss-chart", "Resident memory (RSS) over time", "RSS (MiB)",
                s -> s.rssKb(), "RSS is the memory the server really occupies, Java heap included: what a "
                        + "container limit sees.");
        return chart == null ? null : chart.note("Shaded: the phases warmup (unmeasured load on the cold server), idle "
                + "(before the load, the baseline of retained RSS), ramp (opening the connections, then the unmeasured "
                + "settle time), load (the measured window) and cooldown (after the load); each starts at the median, "
                + "over the runs drawn, of its first sample.").build();
    }

    /**
     * Native RSS over time, every allocator on one axis spanning the native figures only, or {@code null} when no
     * ok run has them: without the heap's gigabytes, differences of tens of MiB fill the chart.
     */
    SvgChart nativeRss() {
        SvgChart.Builder chart = memory(drawn, "native-chart",
                "Native memory (RSS minus the Java heap's resident part) over time", "native RSS (MiB)",
                MemorySample::nativeRssKb, "Native memory is what the allocator governs: malloc arenas and caches, "
                        + "thread stacks, GC structures, code, direct buffers. The verdict ranks on it.");
        return chart == null ? null : chart.build();
    }

    /**
     * The allocator-governed native memory ({@link MemorySample#allocatorGovernedKb()}) over time, one run per
     * allocator on one axis spanning those figures only, or {@code null} when none of {@code runs} has them.
     *
     * @param runs each allocator's representative run
     */
    SvgChart allocatorGoverned(List<RunResult> runs) {
        SvgChart.Builder chart = memory(runs, "governed-chart", "Allocator-governed native memory over time",
                "NMT malloc + outside NMT (MiB)", MemorySample::allocatorGovernedKb, "The native memory an "
                        + "allocator governs: what the JVM malloc'd (Native Memory Tracking's malloc total) plus what "
                        + "the allocator keeps around it (native RSS that NMT does not see: its metadata, "
                        + "fragmentation, caches and freed memory not given back). The JVM's own mappings (heap, GC "
                        + "structures, code cache, metaspace, thread stacks) are left out: they are alike under every "
                        + "allocator.");
        return chart == null ? null : chart.note("One run per allocator, its trial nearest the allocator's median "
                + "peak RSS. The heap's committed but untouched pages, which NMT counts and RSS does not, are left "
                + "out too, so the figure holds without -XX:+AlwaysPreTouch.")
                .build();
    }

    /** VSZ over time, or {@code null} when no ok run has samples. */
    SvgChart vsz() {
        SvgChart.Builder chart = memory(drawn, "vsz-chart", "Virtual size (VSZ) over time", "VSZ (MiB)",
                MemorySample::vszKb, "VSZ is address space reserved, not memory used: some allocators (mimalloc) "
                        + "reserve a lot of it up front without touching it. Shown for information, not ranked on.");
        return chart == null ? null : chart.build();
    }

    /** Responses received per second of the measured window, or {@code null} when no ok run recorded them. */
    SvgChart throughput() {
        List<RunResult> loaded = drawn.stream()
                .filter(r -> r.load() != null && r.load().perSecond() != null && !r.load().perSecond().isEmpty())
                .toList();
        if (loaded.isEmpty()) {
            return null;
        }
        long maxSeconds = 0;
        long maxRate = 0;
        for (RunResult run : loaded) {
            maxSeconds = Math.max(maxSeconds, run.load().perSecond().size());
            maxRate = Math.max(maxRate, run.load().perSecond().stream().mapToLong(Long::longValue).max().orElse(0));
        }
        SvgChart.Builder chart = SvgChart.builder("throughput-chart", "Throughput per second", HEIGHT,
                Axis.linear(0, maxSeconds), Axis.linear(0, maxRate), "second of the measured window (s)",
                "responses per second");
        for (RunResult run : loaded) {
            List<Long> perSecond = run.load().perSecond();
            double[] xs = new double[perSecond.size()];
            double[] ys = new double[perSecond.size()];
            for (int i = 0; i < perSecond.size(); i++) {
                xs[i] = i + 1;
                ys[i] = perSecond.get(i);
            }
            line(chart, run, xs, ys);
        }
        legend(chart, loaded);
        return chart.note("Each point counts the responses received during one second, after all connections were "
                + "open; a line that sags shows the server or the client stalling.").build();
    }

    private SvgChart.Builder memory(List<RunResult> runs, String id, String title, String yTitle,
                                    Function<MemorySample, Long> field, String note) {
        List<RunResult> drawn = runs.stream()
                .filter(r -> r.samples().stream().anyMatch(s -> field.apply(s) != null)).toList();
        if (drawn.isEmpty()) {
            return null;
        }
        long maxMs = 0;
        long minKb = Long.MAX_VALUE;
        long maxKb = 0;
        for (RunResult run : drawn) {
            for (MemorySample s : run.samples()) {
                maxMs = Math.max(maxMs, s.tMs());
                Long kb = field.apply(s);
                if (kb != null) {
                    minKb = Math.min(minKb, kb);
                    maxKb = Math.max(maxKb, kb);
                }
            }
        }
        // The axis spans the data, not zero to the peak: with a 2 GiB pre-touched heap the allocators differ by tens
        // of MiB, which a zero-based axis would flatten into one line.
        SvgChart.Builder chart = SvgChart.builder(id, title, HEIGHT, Axis.linear(0, maxMs / 1000.0),
                Axis.linear(minKb / KIB_PER_MIB, maxKb / KIB_PER_MIB), "time since the server was ready (s)",
                yTitle);
        phaseBands(chart, runs, maxMs / 1000.0);
        for (RunResult run : drawn) {
            List<MemorySample> samples = run.samples().stream().filter(s -> field.apply(s) != null).toList();
            double[] xs = new double[samples.size()];
            double[] ys = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                xs[i] = samples.get(i).tMs() / 1000.0;
                ys[i] = field.apply(samples.get(i)) / KIB_PER_MIB;
            }
            line(chart, run, xs, ys);
        }
        legend(chart, drawn);
        return chart.note(note);
    }

    /** Each phase from the median of its first sample's time over {@code runs} to the next phase's start. */
    private static void phaseBands(SvgChart.Builder chart, List<RunResult> runs, double endSeconds) {
        List<Phase> present = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            List<Long> firsts = new ArrayList<>();
            for (RunResult run : runs) {
                run.samples().stream().filter(s -> s.phase() == phase).findFirst()
                        .ifPresent(s -> firsts.add(s.tMs()));
            }
            if (!firsts.isEmpty()) {
                present.add(phase);
                starts.add(Median.of(firsts) / 1000.0);
            }
        }
        for (int i = 0; i < present.size(); i++) {
            double from = i == 0 ? 0 : starts.get(i);
            double to = i + 1 < present.size() ? starts.get(i + 1) : endSeconds;
            chart.band(present.get(i).label(), PHASE_FILLS.get(present.get(i)), from, Math.max(from, to));
        }
    }

    private void legend(SvgChart.Builder chart, List<RunResult> runs) {
        Set<String> allocators = new LinkedHashSet<>();
        runs.forEach(r -> allocators.add(r.variant()));
        for (String allocator : allocators) {
            Palette.Style style = palette.styleOf(allocator);
            chart.legend(allocator, style.colour(), 1, style.dash(), false);
        }
    }

    private void line(SvgChart.Builder chart, RunResult run, double[] xs, double[] ys) {
        Palette.Style style = palette.styleOf(run.variant());
        chart.line(name(run), run.variant(), style.colour(), 2, style.dash(), xs, ys);
    }

    private String name(RunResult run) {
        return ReportView.name(run, showTrial);
    }
}
