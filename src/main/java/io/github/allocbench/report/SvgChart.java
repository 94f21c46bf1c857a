package io.github.allocbench.report;

import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * One chart of the report as geometry for an inline SVG: every coordinate is computed in Java, so the template only
 * emits elements and the picture needs neither JavaScript nor CSS (Jenkins serves archived reports under a
 * Content-Security-Policy that blocks both; SVG presentation attributes survive it). Each drawn element names the
 * allocator it belongs to, so tests and readers can tell the series apart without relying on colour.
 *
 * @param id         a fragment id for the chart, unique in the page
 * @param title      the chart's heading, also the SVG's accessible title
 * @param width      total width of the SVG in pixels
 * @param height     total height of the SVG in pixels
 * @param plotX      left edge of the plot area
 * @param plotY      top edge of the plot area
 * @param plotWidth  width of the plot area
 * @param plotHeight height of the plot area
 * @param bands      shaded phase bands behind the data
 * @param ticks      grid lines with their labels, both axes
 * @param areas      filled polygons (stacked areas)
 * @param series     polylines
 * @param bars       bars
 * @param legend     one entry per allocator or category drawn
 * @param xTitle     the horizontal axis' title with its unit
 * @param yTitle     the vertical axis' title with its unit
 * @param notes      sentences printed under the chart: how to read it, and what it cannot show
 */
public record SvgChart(String id, String title, String width, String height, String plotX, String plotY,
                       String plotWidth, String plotHeight, List<Band> bands, List<Tick> ticks, List<Area> areas,
                       List<Series> series, List<Bar> bars, List<LegendEntry> legend, Label xTitle, Label yTitle,
                       List<String> notes) {

    /** A grid line from (x1,y1) to (x2,y2) and its label at (textX,textY), anchored {@code start/middle/end}. */
    public record Tick(String x1, String y1, String x2, String y2, String textX, String textY, String anchor,
                       String label) {
    }

    /** A shaded rectangle behind the data, labelled at (labelX,labelY); {@code label} is empty when too narrow. */
    public record Band(String name, String fill, String x, String y, String width, String height, String labelX,
                       String labelY, String label) {
    }

    /** A filled polygon of {@code allocator}'s; {@code name} says what it shows. */
    public record Area(String name, String allocator, String fill, String opacity, String points) {
    }

    /** A line of {@code allocator}'s: {@code points} is the SVG points list, {@code dash} empty for solid. */
    public record Series(String name, String allocator, String colour, String width, String dash, String points) {
    }

    /** A bar of {@code allocator}'s with its exact value in {@code tooltip}. */
    public record Bar(String allocator, String colour, String opacity, String x, String y, String width,
                      String height, String tooltip) {
    }

    /**
     * A legend entry: a swatch ({@code line} or {@code box}) at (x,y) and the text at (textX,textY); {@code dash} is
     * a line swatch's dash pattern, empty for solid.
     */
    public record LegendEntry(String name, String colour, String opacity, String dash, String kind, String x,
                              String y, String x2, String textX, String textY) {
    }

    /** Axis title text at (x,y), with an SVG transform ({@code ""} for none). */
    public record Label(String text, String x, String y, String transform) {
    }

    static final double WIDTH = 900;
    static final double LEFT = 76;
    static final double TOP = 26;
    static final double LEGEND_WIDTH = 190;
    static final double BOTTOM = 52;
    /** Vertical distance between two legend entries. */
    static final double LEGEND_STEP = 22;

    /**
     * Lays a chart out on {@code height} pixels: plot area, grid and axis titles from the two axes; the caller adds
     * what it draws through the returned builder.
     */
    /** The height at least {@code minimum} that leaves room for a legend of {@code entries} beside the plot. */
    static double heightFor(int entries, double minimum) {
        return Math.max(minimum, TOP + 12 + entries * LEGEND_STEP + BOTTOM);
    }

    static Builder builder(String id, String title, double height, Axis x, Axis y, String xTitle, String yTitle) {
        return new Builder(id, title, height, x, y, xTitle, yTitle);
    }

    /** Collects a chart's elements in plot coordinates and turns them into pixels. */
    static final class Builder {
        private final String id;
        private final String title;
        private final double height;
        private final Axis x;
        private final Axis y;
        private final String xTitle;
        private final String yTitle;
        private final double plotWidth = WIDTH - LEFT - LEGEND_WIDTH;
        private final double plotHeight;
        private final List<Band> bands = new ArrayList<>();
        private final List<Area> areas = new ArrayList<>();
        private final List<Series> series = new ArrayList<>();
        private final List<Bar> bars = new ArrayList<>();
        private final List<LegendEntry> legend = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> xLabels = new ArrayList<>();
        private final List<Double> xLabelPositions = new ArrayList<>();

        private Builder(String id, String title, double height, Axis x, Axis y, String xTitle, String yTitle) {
            this.id = id;
            this.title = title;
            this.height = height;
            this.x = x;
            this.y = y;
            this.xTitle = xTitle;
            this.yTitle = yTitle;
            this.plotHeight = height - TOP - BOTTOM;
        }

        double px(double value) {
            return LEFT + x.fraction(value) * plotWidth;
        }

        double py(double value) {
            return TOP + plotHeight - y.fraction(value) * plotHeight;
        }

        double plotWidth() {
            return plotWidth;
        }

        /** A band over {@code from..to} on the x axis, labelled when it is wide enough to hold the label. */
        Builder band(String name, String fill, double from, double to) {
            double left = Math.max(LEFT, px(from));
            double right = Math.min(LEFT + plotWidth, px(to));
            if (right <= left) {
                return this;
            }
            boolean fits = right - left >= name.length() * 7 + 6;
            bands.add(new Band(name, fill, c(left), c(TOP), c(right - left), c(plotHeight), c((left + right) / 2),
                    c(TOP - 8), fits ? name : ""));
            return this;
        }

        /** A polygon through {@code xs/ys} in plot values. */
        Builder area(String name, String allocator, String fill, double opacity, double[] xs, double[] ys) {
            areas.add(new Area(name, allocator, fill, c(opacity), points(xs, ys)));
            return this;
        }

        Builder line(String name, String allocator, String colour, double width, String dash, double[] xs,
                     double[] ys) {
            series.add(new Series(name, allocator, colour, c(width), dash, points(xs, ys)));
            return this;
        }

        /** A bar at pixel column {@code left..left+barWidth} from the axis' bottom up to {@code value}. */
        Builder bar(String allocator, String colour, double opacity, double left, double barWidth, double value,
                    String tooltip) {
            double top = py(value);
            double bottom = TOP + plotHeight;
            bars.add(new Bar(allocator, colour, c(opacity), c(left), c(top), c(barWidth),
                    c(Math.max(bottom - top, 1)), tooltip));
            return this;
        }

        /** A label under the x axis at pixel {@code position}, for category axes that have no numeric ticks. */
        Builder xCategory(String label, double position) {
            xLabels.add(label);
            xLabelPositions.add(position);
            return this;
        }

        Builder legend(String name, String colour, double opacity, boolean box) {
            return legend(name, colour, opacity, "", box);
        }

        Builder legend(String name, String colour, double opacity, String dash, boolean box) {
            double legendX = LEFT + plotWidth + 20;
            double ly = TOP + 12 + legend.size() * LEGEND_STEP;
            legend.add(new LegendEntry(name, colour, c(opacity), dash, box ? "box" : "line", c(legendX),
                    c(box ? ly - 7 : ly), c(legendX + 24), c(legendX + 32), c(ly + 4)));
            return this;
        }

        Builder note(String note) {
            notes.add(note);
            return this;
        }

        SvgChart build() {
            double plotBottom = TOP + plotHeight;
            double plotRight = LEFT + plotWidth;
            List<Tick> ticks = new ArrayList<>();
            if (xLabels.isEmpty()) {
                for (double v : x.ticks()) {
                    double p = px(v);
                    ticks.add(new Tick(c(p), c(TOP), c(p), c(plotBottom), c(p), c(plotBottom + 18), "middle",
                            x.label(v)));
                }
            } else {
                for (int i = 0; i < xLabels.size(); i++) {
                    double p = xLabelPositions.get(i);
                    ticks.add(new Tick(c(p), c(plotBottom), c(p), c(plotBottom + 4), c(p), c(plotBottom + 18),
                            "middle", xLabels.get(i)));
                }
            }
            for (double v : y.ticks()) {
                double p = py(v);
                ticks.add(new Tick(c(LEFT), c(p), c(plotRight), c(p), c(LEFT - 8), c(p + 4), "end", y.label(v)));
            }
            double yTitleX = 16;
            double yTitleY = TOP + plotHeight / 2;
            return new SvgChart(id, title, c(WIDTH), c(height), c(LEFT), c(TOP), c(plotWidth), c(plotHeight),
                    bands, ticks, areas, series, bars, legend,
                    new Label(xTitle, c(LEFT + plotWidth / 2), c(height - 10), ""),
                    new Label(yTitle, c(yTitleX), c(yTitleY), "rotate(-90 " + c(yTitleX) + " " + c(yTitleY) + ")"),
                    notes);
        }

        private String points(double[] xs, double[] ys) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                points.append(i == 0 ? "" : " ").append(c(px(xs[i]))).append(',').append(c(py(ys[i])));
            }
            return points.toString();
        }
    }

    private static String c(double value) {
        return Units.coordinate(value);
    }
}
