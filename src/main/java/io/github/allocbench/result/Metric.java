package io.github.allocbench.result;

import io.github.allocbench.units.ConfigurationException;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A figure of one run that allocators are compared, limited and gated on. Each knows how to read itself from a run,
 * its unit and which direction is better, so the report, the console, the baseline and the gate agree.
 */
public enum Metric {
    PEAK_RSS("peakRss", Unit.KIB, false, r -> (double) r.summary().peakRssKb()),
    MEDIAN_LOAD_RSS("medianLoadRss", Unit.KIB, false, r -> (double) r.summary().medianLoadRssKb()),
    RETAINED_RSS("retainedRss", Unit.KIB, false, r -> (double) r.summary().retainedRssKb()),
    PEAK_VSZ("peakVsz", Unit.KIB, false, r -> (double) r.summary().peakVszKb()),
    OUTSIDE_NMT("outsideNmt", Unit.KIB, false,
            r -> r.summary().outsideNmtKb() == null ? null : (double) r.summary().outsideNmtKb()),
    REQUESTS_PER_SECOND("requestsPerSecond", Unit.PER_SECOND, true,
            r -> r.load() == null ? null : r.load().requestsPerSecond()),
    P99_LATENCY("p99Latency", Unit.MILLIS, false, r -> r.load() == null ? null : r.load().latencyMs().p99()),
    ERROR_RATE("errorRate", Unit.PERCENT, false, r -> r.load() == null ? null : errorPercent(r.load())),
    PEAK_NATIVE_RSS("peakNativeRss", Unit.KIB, false, r -> kib(r.summary().peakNativeRssKb())),
    MEDIAN_LOAD_NATIVE_RSS("medianLoadNativeRss", Unit.KIB, false, r -> kib(r.summary().medianLoadNativeRssKb())),
    RETAINED_NATIVE_RSS("retainedNativeRss", Unit.KIB, false, r -> kib(r.summary().retainedNativeRssKb()));

    /** How a metric's values are measured, so that limits can be written in human units. */
    public enum Unit { KIB, PER_SECOND, MILLIS, PERCENT }

    private final String key;
    private final Unit unit;
    private final boolean higherIsBetter;
    private final Function<RunResult, Double> reader;

    Metric(String key, Unit unit, boolean higherIsBetter, Function<RunResult, Double> reader) {
        this.key = key;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.reader = reader;
    }

    /** The name users write, e.g. {@code peakRss}. */
    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    /** Whether a larger value is the better one (throughput), rather than the worse one (memory, latency). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether the metric is set by how fast the server answered (throughput, latency), so that a window opened before
     * the load had settled ({@link WindowRise}) skews it, while the memory figures still hold.
     */
    public boolean paceDependent() {
        return unit == Unit.PER_SECOND || unit == Unit.MILLIS;
    }

    /** The value of this metric in {@code run}, or {@code null} when the run did not measure it. */
    public Double of(RunResult run) {
        return reader.apply(run);
    }

    /**
     * The metric users name {@code key}.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static Metric ofKey(String key) {
        for (Metric m : values()) {
            if (m.key.equalsIgnoreCase(key == null ? "" : key.trim())) {
                return m;
            }
        }
        throw new ConfigurationException("metric '" + key + "' is unknown. Use one of: "
                + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")) + ".");
    }

    private static Double kib(Long value) {
        return value == null ? null : (double) value;
    }

    /**
     * The run's error rate; for files written before {@code errorRatePercent}, whose {@code requests} also held the
     * non-2xx responses that {@code errors} counts, the successes are estimated as {@code requests} minus the
     * {@code status} errors.
     */
    private static double errorPercent(LoadResult load) {
        if (load.errorRatePercent() != null) {
            return load.errorRatePercent();
        }
        long successes = Math.max(0, load.requests() - LoadResult.statusErrors(load.errorsByCause()));
        long attempts = successes + load.errors();
        return attempts == 0 ? 0.0 : 100.0 * load.errors() / attempts;
    }

    @Override
    public String toString() {
        return key;
    }
}
