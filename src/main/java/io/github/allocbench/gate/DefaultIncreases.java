package io.github.allocbench.gate;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.Metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The maximum increases a baseline is compared with when none is configured, so that recording a baseline is enough
 * to gate the build: {@code peakNativeRss} 10%, {@code retainedNativeRss} 32 MiB, {@code p99Latency} 50% and
 * {@code errorRate} 0.5 percentage points, each with a warning level at half its amount. Native memory is what the
 * allocator governs; the retained figure is absolute because it can be zero or negative; latency is generous because
 * on a small shared machine it moves by tens of percent between identical runs; the error rate is absolute because a
 * baseline's rate is usually 0, of which any percentage is 0.
 *
 * <p>Where trials show how noisy a figure is, a default that the noise could cross on its own is widened. Each
 * side's median lies within its trials' range (max - min), so the medians of two benches of the same code can
 * differ by up to the sum of the two ranges; {@value #SPREAD_FACTOR} x the larger range bounds that sum. The range
 * is taken over every allocator with at least two judgeable trials in the baseline or the current bench, as a
 * percentage of its median for a relative amount. A default is never narrowed: fewer than two trials show no noise,
 * and a quiet machine does not make a smaller change worth a failed build.
 */
public final class DefaultIncreases {

    /** How many times the largest range between trials a default is widened to. */
    static final double SPREAD_FACTOR = 2;

    private static final double KIB_PER_MIB = 1024;

    private DefaultIncreases() {
    }

    /** The defaults as they are before any trial is seen, with their warning levels. */
    public static List<MaxIncrease> unsized() {
        return List.of(
                warned(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 10, true)),
                warned(new MaxIncrease(Metric.RETAINED_NATIVE_RSS, 32 * KIB_PER_MIB, false)),
                warned(new MaxIncrease(Metric.P99_LATENCY, 50, true)),
                warned(new MaxIncrease(Metric.ERROR_RATE, 0.5, false)));
    }

    /**
     * The defaults for comparing {@code current} with {@code baseline}, each widened where the trials of either are
     * noisier than it allows.
     */
    public static Sized size(List<AllocatorStats> current, List<AllocatorStats> baseline) {
        List<MaxIncrease> sized = new ArrayList<>();
        Map<Metric, String> widened = new EnumMap<>(Metric.class);
        for (MaxIncrease increase : unsized()) {
            double range = largestRange(increase, current, baseline);
            double noise = SPREAD_FACTOR * range;
            if (noise > increase.amount()) {
                MaxIncrease wide = warned(new MaxIncrease(increase.metric(), noise, increase.relative()));
                widened.put(increase.metric(), "widened from " + increase.describe() + " to "
                        + (long) SPREAD_FACTOR + " x the largest range between trials, "
                        + new MaxIncrease(increase.metric(), range, increase.relative()).describe());
                sized.add(wide);
            } else {
                sized.add(increase);
            }
        }
        return new Sized(sized, widened);
    }

    /**
     * The defaults of one comparison and how each was sized.
     *
     * @param increases the defaults, in the order of {@link #unsized()}
     * @param widened   for each default that the trials' noise widened, how ("widened from 50% to 2 x …")
     */
    public record Sized(List<MaxIncrease> increases, Map<Metric, String> widened) {

        public Sized {
            increases = List.copyOf(increases);
            widened = widened.isEmpty() ? Map.of() : new EnumMap<>(widened);
        }

        /**
         * The log line naming every default used, {@code increases} being the defaults with the warning levels the
         * user set in their place.
         */
        public String sentence(Path baselineFile, List<MaxIncrease> increases) {
            List<String> parts = new ArrayList<>();
            for (MaxIncrease increase : increases) {
                String how = widened.get(increase.metric());
                parts.add(increase.metric() + " " + increase.describe() + " (warning at "
                        + increase.describeWarning() + (how == null ? "" : "; " + how) + ")");
            }
            return "Comparing with the baseline " + baselineFile + " using the default maxIncrease "
                    + String.join(", ", parts) + "; set <maxIncrease> to choose your own, or "
                    + "-Dallocbench.baseline.skip to compare nothing.";
        }
    }

    private static MaxIncrease warned(MaxIncrease increase) {
        return new MaxIncrease(increase.metric(), increase.amount(), increase.relative(), increase.amount() / 2);
    }

    private static double largestRange(MaxIncrease increase, List<AllocatorStats> current,
                                       List<AllocatorStats> baseline) {
        double largest = 0;
        for (List<AllocatorStats> side : List.of(current, baseline)) {
            for (AllocatorStats stats : side) {
                AllocatorStats.Spread spread = stats.metrics().get(increase.metric());
                if (stats.okRuns() < 2 || spread == null) {
                    continue;
                }
                double range = spread.max() - spread.min();
                if (increase.relative()) {
                    range = spread.median() == 0 ? 0 : 100 * range / Math.abs(spread.median());
                }
                largest = Math.max(largest, range);
            }
        }
        return largest;
    }
}
