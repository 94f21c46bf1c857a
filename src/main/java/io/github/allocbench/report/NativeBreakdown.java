package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the native memory went, every allocator side by side: per allocator a stacked column of Native Memory
 * Tracking's categories without the Java heap (GC, code, threads, metaspace as Class, internal, other incl. direct
 * buffers, ...) and on top the native RSS that NMT does not see — the allocator's fragmentation, caches and retained
 * free memory; and the same figures as a table. Read from the last load sample of the run drawn for each allocator
 * (the trial nearest its median peak RSS), so the heap's gigabytes are out of the picture and tens of MiB show.
 *
 * <p>The chart gives a colour of its own to at most {@link #COLOURS}' size of categories, the largest, and only to
 * those tall enough to see; the others share one grey layer, so that no two layers look alike. The table lists every
 * category.
 *
 * @param chart      the stacked columns
 * @param allocators the table's columns, in the bench's allocator order
 * @param rows       every category, the largest first, then the RSS outside NMT and the columns' totals
 */
public record NativeBreakdown(SvgChart chart, List<String> allocators, List<NativeBreakdown.Row> rows) {

    /** One category's MiB per allocator, {@link SummaryRow#NONE} where that allocator's JVM did not report it. */
    public record Row(String category, List<String> mib) {
    }

    private static final double HEIGHT = 380;
    private static final double KIB_PER_MIB = 1024;
    private static final String OUTSIDE = "outside NMT (allocator)";
    private static final String TOTAL = "total (height of the column)";
    private static final List<String> COLOURS = List.of("#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f");
    private static final String OUTSIDE_COLOUR = "#e15759";
    private static final String SMALLER_COLOUR = "#bab0ac";
    /** A category under this share of the tallest column would be a sliver of a pixel or two: it goes to the grey. */
    private static final double VISIBLE_SHARE = 0.01;

    /** The chart and table, or {@code null} when no allocator's run carries NMT's categories under load. */
    static NativeBreakdown of(List<AllocatorStats> stats, List<RunResult> runs) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (AllocatorStats s : stats) {
            MemoryBreakdownChart.representative(s, runs).flatMap(run -> run.samples().stream()
                    .filter(m -> m.phase() == Phase.LOAD && m.jvm() != null && m.jvm().nmtCommittedKb() != null)
                    .reduce((first, second) -> second))
                    .ifPresent(sample -> columns.put(s.allocator(), Column.of(sample)));
        }
        if (columns.isEmpty()) {
            return null;
        }
        Map<String, Long> largest = new LinkedHashMap<>();
        long tallestKb = 0;
        for (Column column : columns.values()) {
            column.categoriesKb().forEach((name, kb) -> largest.merge(name, kb, Math::max));
            tallestKb = Math.max(tallestKb, column.heightKb());
        }
        List<String> bySize = largest.keySet().stream()
                .sorted(Comparator.comparingLong((String name) -> largest.get(name)).reversed()).toList();
        long visibleKb = Math.round(tallestKb * VISIBLE_SHARE);
        List<String> named = bySize.stream().filter(name -> largest.get(name) >= visibleKb).limit(COLOURS.size())
                .toList();
        List<String> smaller = bySize.stream().filter(name -> !named.contains(name)).toList();
        return new NativeBreakdown(chart(columns, named, smaller, tallestKb), List.copyOf(columns.keySet()),
                rows(columns.values(), bySize));
    }

    /** One allocator's column: NMT's categories without the heap, and the native RSS outside NMT when known. */
    private record Column(Map<String, Long> categoriesKb, Long outsideKb) {

        static Column of(MemorySample sample) {
            Map<String, Long> categories = new LinkedHashMap<>(sample.jvm().nmtCategoriesKb());
            categories.remove(MemorySample.NMT_HEAP);
            return new Column(categories, sample.untrackedNativeKb());
        }

        long kb(String category) {
            return Math.max(0, categoriesKb.getOrDefault(category, 0L));
        }

        /** What the chart stacks: a negative figure (RSS below NMT's committed total) stacks nothing. */
        long visibleOutsideKb() {
            return outsideKb == null ? 0 : Math.max(0, outsideKb);
        }

        long heightKb() {
            return visibleOutsideKb() + categoriesKb.keySet().stream().mapToLong(this::kb).sum();
        }
    }

    private static SvgChart chart(Map<String, Column> columns, List<String> named, List<String> smaller,
                                  long tallestKb) {
        String smallerName = smaller.size() == 1 ? smaller.get(0) : smaller.size() + " smaller categories";
        int n = columns.size();
        int legendEntries = named.size() + (smaller.isEmpty() ? 0 : 1) + 1;
        SvgChart.Builder chart = SvgChart.builder("native-breakdown", "Where the native memory went, under load",
                SvgChart.heightFor(legendEntries, HEIGHT), Axis.linear(0, n), Axis.linear(0, tallestKb / KIB_PER_MIB),
                "allocator", "MiB");
        double group = chart.plotWidth() / n;
        int column = 0;
        for (Map.Entry<String, Column> entry : columns.entrySet()) {
            String allocator = entry.getKey();
            Column kb = entry.getValue();
            List<Layer> layers = new ArrayList<>();
            for (String name : named) {
                layers.add(new Layer(name, COLOURS.get(named.indexOf(name)), kb.kb(name)));
            }
            layers.add(new Layer(smallerName, SMALLER_COLOUR, smaller.stream().mapToLong(kb::kb).sum()));
            layers.add(new Layer(OUTSIDE, OUTSIDE_COLOUR, kb.visibleOutsideKb()));
            double bottom = 0;
            for (Layer layer : layers) {
                if (layer.kb() <= 0) {
                    continue;
                }
                double top = bottom + layer.kb() / KIB_PER_MIB;
                double left = column + 0.2;
                double right = column + 0.8;
                chart.area(layer.name() + " " + Units.mib(layer.kb()) + " MiB", allocator, layer.colour(), 1,
                        new double[]{left, right, right, left}, new double[]{bottom, bottom, top, top});
                bottom = top;
            }
            chart.xCategory(allocator, SvgChart.LEFT + (column + 0.5) * group);
            column++;
        }
        // Top to bottom, as the layers stack: the allocator's own layer first, where allocators differ.
        chart.legend(OUTSIDE, OUTSIDE_COLOUR, 1, true);
        if (!smaller.isEmpty()) {
            chart.legend(smallerName, SMALLER_COLOUR, 1, true);
        }
        for (int i = named.size() - 1; i >= 0; i--) {
            chart.legend(named.get(i), COLOURS.get(i), 1, true);
        }
        return chart.note("Bottom to top: Native Memory Tracking's committed categories without the Java heap, the "
                + "largest first, then the native RSS that NMT cannot see (native RSS minus NMT's committed "
                + "categories without the heap): malloc fragmentation and the allocator's caches, where allocators "
                + "differ. From each allocator's last sample of the measured window; the table below has every "
                + "category's figure.").build();
    }

    private record Layer(String name, String colour, long kb) {
    }

    private static List<Row> rows(Collection<Column> columns, List<String> bySize) {
        List<Row> rows = new ArrayList<>();
        for (String name : bySize) {
            rows.add(new Row(name, columns.stream().map(column -> column.categoriesKb().containsKey(name)
                    ? Units.mib(column.categoriesKb().get(name)) : SummaryRow.NONE).toList()));
        }
        rows.add(new Row(OUTSIDE, columns.stream().map(column -> column.outsideKb() == null ? SummaryRow.NONE
                : Units.mib(column.outsideKb())).toList()));
        rows.add(new Row(TOTAL, columns.stream().map(column -> Units.mib(column.heightKb())).toList()));
        return rows;
    }
}
