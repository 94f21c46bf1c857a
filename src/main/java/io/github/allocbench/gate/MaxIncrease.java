package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanSize;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much one metric may worsen against the baseline before the build fails: an entry of the {@code maxIncrease}
 * parameter, already parsed. Worse means larger for memory, latency and errors and smaller for
 * {@code requestsPerSecond}, so for that metric the amount bounds the drop. The amount is relative to the baseline's
 * median when written as a percentage ({@code 10%}), else absolute in the metric's unit ({@code 100MB},
 * {@code 5ms}); for {@code errorRate}, whose own unit is a percentage, a percentage is relative too.
 * {@code retainedRss}, {@code retainedNativeRss} and {@code outsideNmt} take an absolute amount only: they can be zero
 * or negative (a run that gave back more than its load took, NMT counting untouched pages), and a percentage of such a
 * value bounds nothing or bounds the wrong way. A warning level, written the same way and below the amount, makes a
 * worsening past it a warning that does not fail the build.
 *
 * @param metric     the metric compared with the baseline
 * @param amount     the largest worsening that passes: percent of the baseline when {@code relative}, else in the
 *                   metric's unit
 * @param relative   whether {@code amount} (and {@code warnAmount}) is a percentage of the baseline's value
 * @param warnAmount the largest worsening that passes without a warning, in the same form as {@code amount}, or
 *                   {@code null} for no warning level
 */
public record MaxIncrease(Metric metric, double amount, boolean relative, Double warnAmount) {

    /** Metrics that can be zero or negative, so that only an absolute amount bounds them. */
    static final Set<Metric> SIGNED = Set.of(Metric.RETAINED_RSS, Metric.OUTSIDE_NMT, Metric.RETAINED_NATIVE_RSS);

    /** The form {@link #parseList} accepts, named in its errors. */
    static final String LIST_FORM = "metric:amount[,metric:amount...], e.g. peakNativeRss:10%,retainedNativeRss:32MB";

    /** A maximum increase without a warning level. */
    public MaxIncrease(Metric metric, double amount, boolean relative) {
        this(metric, amount, relative, null);
    }

    /**
     * The entries of a {@code maxIncrease} written as one line, the form a {@code -D} property takes:
     * {@code peakNativeRss:10%,retainedNativeRss:32MB}. The amounts are read by {@link #parseAll} like those of the
     * map parameter.
     *
     * @param property the property the text came from, named in the error
     * @throws ConfigurationException showing the accepted form, for an entry without a metric or an amount
     */
    public static Map<String, String> parseList(String property, String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : text.split(",", -1)) {
            int colon = entry.indexOf(':');
            String metric = colon < 0 ? "" : entry.substring(0, colon).trim();
            String amount = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (metric.isEmpty() || amount.isEmpty()) {
                throw new ConfigurationException(property + " is '" + text + "', but its entry '" + entry.trim()
                        + "' is not metric:amount. Write " + LIST_FORM + ".");
            }
            if (entries.put(metric, amount) != null) {
                throw new ConfigurationException(property + " names " + metric + " twice. Keep one entry per metric.");
            }
        }
        return entries;
    }

    /**
     * This maximum increase with the warning level {@code warn}, which must be written in the same form (both
     * percentages or both amounts) and be smaller, so that a warning always comes before a failure.
     *
     * @throws ConfigurationException when {@code warn} is in the other form or not below the amount
     */
    public MaxIncrease warnAt(MaxIncrease warn) {
        if (warn.relative != relative) {
            throw new ConfigurationException("warnIncrease " + metric + " is " + warn.describe() + " but maxIncrease "
                    + metric + " is " + describe() + ". Write both as " + (relative ? "percentages" : "amounts")
                    + ", e.g. warnIncrease " + metric + " " + new MaxIncrease(metric, amount / 2, relative).describe()
                    + ".");
        }
        if (warn.amount >= amount) {
            throw new ConfigurationException("warnIncrease " + metric + " is " + warn.describe() + ", not below "
                    + "maxIncrease " + metric + " " + describe() + ", so it would never warn before the build fails. "
                    + "Lower it, e.g. to " + new MaxIncrease(metric, amount / 2, relative).describe() + ".");
        }
        return new MaxIncrease(metric, amount, relative, warn.amount);
    }

    /**
     * The entry {@code <metric>text</metric>} of {@code maxIncrease}.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static MaxIncrease parse(String metric, String text) {
        return parse("maxIncrease", metric, text);
    }

    /** The entry {@code <metric>text</metric>} of the map parameter {@code name}. */
    static MaxIncrease parse(String name, String metric, String text) {
        Metric m;
        try {
            m = Metric.ofKey(metric);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name + ": " + e.getMessage(), e);
        }
        String parameter = name + " " + m.key();
        if (HumanSize.isPercent(text) && SIGNED.contains(m)) {
            throw new ConfigurationException(parameter + " is '" + text.trim() + "', a percentage, but " + m.key()
                    + " can be zero or negative, so a percentage of the baseline's value bounds nothing (or bounds "
                    + "the wrong way). Write an absolute amount instead, e.g. <" + m.key() + ">64MB</" + m.key()
                    + ">.");
        }
        if (HumanSize.isPercent(text)) {
            return new MaxIncrease(m, HumanSize.parsePercent(parameter, text), true);
        }
        if (text == null || text.isBlank()) {
            throw new ConfigurationException(parameter + " is empty. Write a percentage of the baseline, e.g. "
                    + "<" + m.key() + ">10%</" + m.key() + ">.");
        }
        return new MaxIncrease(m, MetricValue.parse(m, parameter, text), false);
    }

    /**
     * Every entry of the {@code maxIncrease} parameter, in the order of {@link Metric}.
     *
     * @throws IllegalArgumentException for an unknown metric, a metric named twice or a value that cannot be read
     */
    public static List<MaxIncrease> parseAll(Map<String, String> entries) {
        return parseAll("maxIncrease", entries);
    }

    /**
     * Every entry of the map parameter {@code name} ({@code maxIncrease} or {@code warnIncrease}), in the order of
     * {@link Metric}.
     *
     * @throws IllegalArgumentException for an unknown metric, a metric named twice or a value that cannot be read
     */
    public static List<MaxIncrease> parseAll(String name, Map<String, String> entries) {
        Map<Metric, MaxIncrease> parsed = new EnumMap<>(Metric.class);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            MaxIncrease increase = parse(name, e.getKey(), e.getValue());
            if (parsed.put(increase.metric(), increase) != null) {
                throw new ConfigurationException(name + " names " + increase.metric()
                        + " twice. Keep one entry per metric.");
            }
        }
        List<MaxIncrease> all = new ArrayList<>(parsed.values());
        all.sort(Comparator.comparing(MaxIncrease::metric));
        return all;
    }

    /**
     * The amount as the user thinks of it: {@code 10%}, {@code 12.5%}, {@code 100 MiB}, {@code 5.0 ms}; an absolute
     * amount of {@code errorRate}, itself a percentage, in percentage points ({@code 0.50 points}).
     */
    public String describe() {
        return describe(amount);
    }

    /** The warning level as {@link #describe()} writes the amount, or {@code null} without one. */
    public String describeWarning() {
        return warnAmount == null ? null : describe(warnAmount);
    }

    private String describe(double value) {
        if (!relative) {
            return metric.unit() == Metric.Unit.PERCENT
                    ? MetricValue.format(metric, value).replace("%", " points") : MetricValue.format(metric, value);
        }
        return value == Math.rint(value) ? (long) value + "%" : Units.percent(value);
    }
}
