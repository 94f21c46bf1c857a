package io.github.allocbench.units;

import java.util.Locale;

/**
 * Formats the bench's figures for people, identically in the HTML report and on the console. Sizes come from
 * {@code /proc} in KiB and are shown in binary units (KiB, MiB, GiB: powers of 1024) so they match what {@code ps}
 * and {@code top} show; numbers use {@link Locale#US} separators whatever the build machine's locale, so two reports
 * from different machines read the same.
 */
public final class Units {

    private static final Locale FORMAT = Locale.US;
    private static final double KIB_PER_MIB = 1024;
    private static final double KIB_PER_GIB = 1024 * 1024;

    private Units() {
    }

    /** A size with its unit: {@code 812 KiB}, {@code 7.5 MiB}, {@code 412 MiB}, {@code 1.61 GiB}. */
    public static String size(long kib) {
        if (kib < KIB_PER_MIB) {
            return kib + " KiB";
        }
        double mib = kib / KIB_PER_MIB;
        if (mib < 10) {
            return String.format(FORMAT, "%.1f MiB", mib);
        }
        if (kib < KIB_PER_GIB) {
            return String.format(FORMAT, "%.0f MiB", mib);
        }
        return String.format(FORMAT, "%.2f GiB", kib / KIB_PER_GIB);
    }

    /** A size from a byte count, as {@link #size(long)} writes it. */
    public static String sizeOfBytes(long bytes) {
        return size(bytes / 1024);
    }

    /** A size in MiB without its unit, for table columns whose header names the unit: {@code 1,652.3}. */
    public static String mib(long kib) {
        return String.format(FORMAT, "%,.1f", kib / KIB_PER_MIB);
    }

    /** A count with thousands separators: {@code 10,000}. */
    public static String count(long n) {
        return String.format(FORMAT, "%,d", n);
    }

    /** A rate rounded to whole units, with thousands separators: {@code 24,812}. */
    public static String rate(double perSecond) {
        return String.format(FORMAT, "%,.0f", perSecond);
    }

    /** A latency with its unit, with two significant decimals where they matter: {@code 0.42 ms}, {@code 3.1 ms}. */
    public static String millis(double ms) {
        if (ms < 1) {
            return String.format(FORMAT, "%.2f ms", ms);
        }
        if (ms < 100) {
            return String.format(FORMAT, "%.1f ms", ms);
        }
        return String.format(FORMAT, "%,.0f ms", ms);
    }

    /** CPU or wall time in seconds with one decimal: {@code 12.5 s}, {@code 1,204.0 s}. */
    public static String seconds(double seconds) {
        return String.format(FORMAT, "%,.1f s", seconds);
    }

    /** A percentage with one decimal: {@code 17.1%}. */
    public static String percent(double percent) {
        return String.format(FORMAT, "%.1f%%", percent);
    }

    /**
     * A percentage that may be well below one, such as an error rate or a limit on it, with two decimals below 1%
     * so that 0.05% and 0.12% stay apart: {@code 0.05%}, {@code 0%}, {@code 3.4%}.
     */
    public static String smallPercent(double percent) {
        if (percent == 0) {
            return "0%";
        }
        return Math.abs(percent) < 1 ? String.format(FORMAT, "%.2f%%", percent) : percent(percent);
    }

    /** A plain decimal for machine-read attributes such as SVG coordinates: never grouped, always a dot. */
    public static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
