package io.github.allocbench.report;

import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chart axis: maps a value to a fraction of the axis' length and says where its grid lines go. Linear axes are
 * widened to whole steps of 1, 2 or 5 times a power of ten; logarithmic ones (latency, whose maximum can be a
 * hundred times its median) to whole decades.
 */
record Axis(double min, double max, double step, boolean log) {

    private static final double TARGET_TICKS = 6;

    /** A linear axis from {@code low} to {@code high}, widened to nice steps. */
    static Axis linear(double low, double high) {
        double range = high > low ? high - low : 1;
        double raw = range / TARGET_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalised = raw / magnitude;
        // Rounded to the nearest nice step rather than up, so the axis is not widened to twice the data.
        double step = (normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10) * magnitude;
        double min = Math.floor(low / step) * step;
        double max = Math.ceil(high / step) * step;
        return new Axis(min, max > min ? max : min + step, step, false);
    }

    /** A logarithmic axis covering {@code low} to {@code high} (both positive) in whole decades. */
    static Axis logarithmic(double low, double high) {
        double min = Math.pow(10, Math.floor(Math.log10(low)));
        double max = Math.pow(10, Math.ceil(Math.log10(Math.max(high, low))));
        return new Axis(min, max > min ? max : min * 10, 10, true);
    }

    /** The values that get a grid line and a label. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            boolean minor = max / min <= 1_000;
            for (double decade = min; decade <= max * 1.0001; decade *= 10) {
                ticks.add(decade);
                if (minor && decade * 2 < max) {
                    ticks.add(decade * 2);
                    ticks.add(decade * 5);
                }
            }
            return ticks;
        }
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** Where {@code value} lies between the axis' ends, 0 to 1; values below a log axis' end sit on it. */
    double fraction(double value) {
        if (log) {
            double clamped = Math.max(value, min);
            return Math.log10(clamped / min) / Math.log10(max / min);
        }
        return (value - min) / (max - min);
    }

    /** The tick's label: whole numbers grouped, fractions with as many decimals as the step needs. */
    String label(double value) {
        double precision = log ? value : step;
        if (precision >= 1) {
            return Units.count(Math.round(value));
        }
        int decimals = (int) Math.ceil(-Math.log10(precision) - 1e-9);
        return String.format(Locale.US, "%." + decimals + "f", value);
    }
}
