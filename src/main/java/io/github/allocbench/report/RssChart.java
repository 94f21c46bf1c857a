package io.github.allocbench.report;

import io.github.allocbench.bench.RunResult;
import io.github.allocbench.bench.RunStatus;
import io.github.allocbench.memory.MemorySample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The RSS-over-time chart as geometry for an inline SVG: every coordinate computed here, so the template only
 * emits elements and the picture needs neither JavaScript nor CSS (Jenkins serves archived reports under a
 * Content-Security-Policy that blocks both; SVG presentation attributes survive it). One line per ok run, coloured
 * per allocator so the trials of one allocator share a colour. Time is seconds since the load started (idle
 * samples before it are negative), RSS is in MiB from zero, so line heights compare honestly.
 *
 * @param width     total width of the SVG in pixels
 * @param height    total height of the SVG in pixels
 * @param plotX     left edge of the plot area
 * @param plotY     top edge of the plot area
 * @param plotWidth width of the plot area
 * @param plotHeight height of the plot area
 * @param ticks     grid lines with their labels, both axes
 * @param series    one polyline per ok run with samples
 * @param legend    one entry per allocator drawn
 * @param xTitle    the time axis' title, placed under the plot
 * @param yTitle    the RSS axis' title, rotated left of the plot
 */
public record RssChart(String width, String height, String plotX, String plotY, String plotWidth,
                       String plotHeight, List<Tick> ticks, List<Series> series, List<LegendEntry> legend,
                       Label xTitle, Label yTitle) {

    /** Colour-blind-safe (Okabe and Ito), dark enough on white; assigned in the bench's allocator order. */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000");

    private static final double WIDTH = 900;
    private static final double HEIGHT = 380;
    private static final double LEFT = 72;
    private static final double TOP = 16;
    private static final double LEGEND_WIDTH = 200;
    private static final double BOTTOM = 52;
    private static final double TARGET_TICKS = 6;

    /** A grid line from (x1,y1) to (x2,y2) and its label at (textX,textY), anchored {@code start/middle/end}. */
    public record Tick(String x1, String y1, String x2, String y2, String textX, String textY, String anchor,
                       String label) {
    }

    /** One run's line: {@code points} is the SVG points list; {@code name} names the run in a tooltip. */
    public record Series(String name, String colour, String points) {
    }

    /** A legend line sample from (x1,y) to (x2,y) and the allocator's name at (textX,textY). */
    public record LegendEntry(String name, String colour, String x1, String x2, String y, String textX,
                              String textY) {
    }

    /** Axis title text at (x,y), with an SVG transform ({@code ""} for none). */
    public record Label(String text, String x, String y, String transform) {
    }

    /**
     * The chart of the ok runs in {@code runs}, or {@code null} when none has a sample.
     *
     * @param allocatorOrder the bench's allocators, which fixes each allocator's colour
     * @param showTrial      whether run names carry the trial number
     */
    static RssChart of(List<RunResult> runs, List<String> allocatorOrder, boolean showTrial) {
        List<RunResult> drawn = runs.stream()
                .filter(r -> r.status() == RunStatus.OK && !r.samples().isEmpty())
                .toList();
        if (drawn.isEmpty()) {
            return null;
        }
        Set<String> allocators = new LinkedHashSet<>(allocatorOrder);
        drawn.forEach(r -> allocators.add(r.allocator()));
        List<String> colourOrder = List.copyOf(allocators);

        long minMs = 0;
        long maxMs = 0;
        long maxKb = 0;
        for (RunResult run : drawn) {
            for (MemorySample s : run.samples()) {
                minMs = Math.min(minMs, s.tMs());
                maxMs = Math.max(maxMs, s.tMs());
                maxKb = Math.max(maxKb, s.rssKb());
            }
        }
        Axis x = Axis.covering(minMs / 1000.0, maxMs / 1000.0);
        Axis y = Axis.covering(0, maxKb / 1024.0);
        double plotWidth = WIDTH - LEFT - LEGEND_WIDTH;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double plotBottom = TOP + plotHeight;
        double plotRight = LEFT + plotWidth;

        List<Tick> ticks = new ArrayList<>();
        for (double v : x.ticks()) {
            double px = LEFT + x.fraction(v) * plotWidth;
            ticks.add(new Tick(c(px), c(TOP), c(px), c(plotBottom), c(px), c(plotBottom + 18), "middle",
                    x.label(v)));
        }
        for (double v : y.ticks()) {
            double py = plotBottom - y.fraction(v) * plotHeight;
            ticks.add(new Tick(c(LEFT), c(py), c(plotRight), c(py), c(LEFT - 8), c(py + 4), "end", y.label(v)));
        }

        List<Series> series = new ArrayList<>();
        List<String> legendNames = new ArrayList<>();
        for (RunResult run : drawn) {
            StringBuilder points = new StringBuilder();
            for (MemorySample s : run.samples()) {
                double px = LEFT + x.fraction(s.tMs() / 1000.0) * plotWidth;
                double py = plotBottom - y.fraction(s.rssKb() / 1024.0) * plotHeight;
                points.append(points.isEmpty() ? "" : " ").append(c(px)).append(',').append(c(py));
            }
            String name = showTrial ? run.allocator() + " #" + run.trial() : run.allocator();
            series.add(new Series(name, colourOf(run.allocator(), colourOrder), points.toString()));
            if (!legendNames.contains(run.allocator())) {
                legendNames.add(run.allocator());
            }
        }

        List<LegendEntry> legend = new ArrayList<>();
        double legendX = plotRight + 20;
        for (int i = 0; i < legendNames.size(); i++) {
            double ly = TOP + 12 + i * 22;
            String name = legendNames.get(i);
            legend.add(new LegendEntry(name, colourOf(name, colourOrder), c(legendX), c(legendX + 24), c(ly),
                    c(legendX + 32), c(ly + 4)));
        }

        double yTitleX = 18;
        double yTitleY = TOP + plotHeight / 2;
        return new RssChart(c(WIDTH), c(HEIGHT), c(LEFT), c(TOP), c(plotWidth), c(plotHeight), ticks, series, legend,
                new Label("time since the load started (s)", c(LEFT + plotWidth / 2), c(HEIGHT - 10), ""),
                new Label("RSS (MiB)", c(yTitleX), c(yTitleY),
                        "rotate(-90 " + c(yTitleX) + " " + c(yTitleY) + ")"));
    }

    private static String colourOf(String allocator, List<String> order) {
        return PALETTE.get(order.indexOf(allocator) % PALETTE.size());
    }

    private static String c(double value) {
        return Units.coordinate(value);
    }

    /** An axis from {@code min} to {@code max}, widened to whole steps of 1, 2 or 5 times a power of ten. */
    private record Axis(double min, double max, double step) {

        static Axis covering(double low, double high) {
            double range = high > low ? high - low : 1;
            double raw = range / TARGET_TICKS;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double normalised = raw / magnitude;
            // Rounded to the nearest nice step rather than up, so the axis is not widened to twice the data.
            double step = (normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10) * magnitude;
            double min = Math.floor(low / step) * step;
            double max = Math.ceil(high / step) * step;
            return new Axis(min, max > min ? max : min + step, step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long count = Math.round((max - min) / step);
            for (long i = 0; i <= count; i++) {
                ticks.add(min + i * step);
            }
            return ticks;
        }

        double fraction(double value) {
            return (value - min) / (max - min);
        }

        String label(double value) {
            if (step >= 1) {
                return Units.count(Math.round(value));
            }
            int decimals = (int) Math.ceil(-Math.log10(step));
            return String.format(Locale.US, "%." + decimals + "f", value);
        }
    }
}
