package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the native memory went, every allocator side by side on one axis: per allocator a stacked column of Native
 * Memory Tracking's categories without the Java heap (GC, code, threads, metaspace as Class, internal, other incl.
 * direct buffers, ...) and on top the native RSS that NMT does not see — the allocator's fragmentation, caches and
 * retained free memory. Read from the last load sample of the run drawn for each allocator (the trial nearest its
 * median peak RSS), so the heap's gigabytes are out of the picture and tens of MiB show.
 */
final class NativeBreakdownChart {

    private static final double HEIGHT = 380;
    private static final double KIB_PER_MIB = 1024;
    private static final String OUTSIDE = "outside NMT (allocator)";
    private static final List<String> COLOURS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
            "#edc948", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d4a6c8", "#8cd17d");
    private static final String OUTSIDE_COLOUR = "#e15759";

    private NativeBreakdownChart() {
    }

    /** The chart, or {@code null} when no allocator's run carries NMT's categories under load. */
    static SvgChart of(List<AllocatorStats> stats, List<RunResult> runs) {
        Map<String, Map<String, Long>> columns = new LinkedHashMap<>();
        for (AllocatorStats s : stats) {
            MemoryBreakdownChart.representative(s, runs).flatMap(run -> run.samples().stream()
                    .filter(m -> m.phase() == Phase.LOAD && m.jvm() != null && m.jvm().nmtCommittedKb() != null)
                    .reduce((first, second) -> second))
                    .ifPresent(sample -> columns.put(s.allocator(), layers(sample)));
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        long maxKb = 0;
        for (Map<String, Long> layers : columns.values()) {
            layers.keySet().stream().filter(n -> !names.contains(n) && !n.equals(OUTSIDE)).forEach(names::add);
            maxKb = Math.max(maxKb, layers.values().stream().mapToLong(Long::longValue).sum());
        }
        names.add(OUTSIDE);
        int n = columns.size();
        SvgChart.Builder chart = SvgChart.builder("native-breakdown", "Where the native memory went, under load",
                SvgChart.heightFor(names.size(), HEIGHT), Axis.linear(0, n), Axis.linear(0, maxKb / KIB_PER_MIB),
                "allocator", "MiB");
        double group = chart.plotWidth() / n;
        int column = 0;
        for (Map.Entry<String, Map<String, Long>> entry : columns.entrySet()) {
            double bottom = 0;
            for (String name : names) {
                Long kb = entry.getValue().get(name);
                if (kb == null || kb <= 0) {
                    continue;
                }
                double top = bottom + kb / KIB_PER_MIB;
                double left = column + 0.2;
                double right = column + 0.8;
                chart.area(name, entry.getKey(), colour(names, name), 1, new double[]{left, right, right, left},
                        new double[]{bottom, bottom, top, top});
                bottom = top;
            }
            chart.xCategory(entry.getKey(), SvgChart.LEFT + (column + 0.5) * group);
            column++;
        }
        // The allocator's layer first: it is where allocators differ, and the top of every column.
        chart.legend(OUTSIDE, OUTSIDE_COLOUR, 1, true);
        for (String name : names.subList(0, names.size() - 1)) {
            chart.legend(name, colour(names, name), 1, true);
        }
        return chart.note("Bottom to top: Native Memory Tracking's committed categories without the Java heap, then "
                + "the native RSS that NMT cannot see (native RSS minus NMT's committed categories without the "
                + "heap): malloc fragmentation and the allocator's caches, where allocators differ. From each "
                + "allocator's last sample of the measured window.").build();
    }

    private static Map<String, Long> layers(MemorySample sample) {
        JvmSnapshot jvm = sample.jvm();
        Map<String, Long> layers = new LinkedHashMap<>();
        jvm.nmtCategoriesKb().forEach((category, kb) -> {
            if (!category.equals(MemorySample.NMT_HEAP)) {
                layers.put(category, kb);
            }
        });
        layers.put(OUTSIDE, Math.max(0, sample.untrackedNativeKb()));
        return layers;
    }

    private static String colour(List<String> names, String name) {
        return name.equals(OUTSIDE) ? OUTSIDE_COLOUR : COLOURS.get(names.indexOf(name) % COLOURS.size());
    }
}
