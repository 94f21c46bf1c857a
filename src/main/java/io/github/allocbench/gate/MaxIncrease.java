package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanSize;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much one metric may worsen against the baseline before the build fails: an entry of the {@code maxIncrease}
 * parameter, already parsed. Worse means larger for memory, latency and errors and smaller for
 * {@code requestsPerSecond}, so for that metric the amount bounds the drop. The amount is relative to the baseline's
 * median when written as a percentage ({@code 10%}), else absolute in the metric's unit ({@code 100MB},
 * {@code 5ms}); for {@code errorRate}, whose own unit is a percentage, a percentage is relative too.
 * {@code retainedRss} and {@code outsideNmt} take an absolute amount only: they can be zero or negative (a run that
 * gave back more than its load took, NMT counting untouched pages), and a percentage of such a value bounds nothing
 * or bounds the wrong way.
 *
 * @param metric   the metric compared with the baseline
 * @param amount   the largest worsening that passes: percent of the baseline when {@code relative}, else in the
 *                 metric's unit
 * @param relative whether {@code amount} is a percentage of the baseline's value
 */
public record MaxIncrease(Metric metric, double amount, boolean relative) {

    /** Metrics that can be zero or negative, so that only an absolute amount bounds them. */
    static final Set<Metric> SIGNED = Set.of(Metric.RETAINED_RSS, Metric.OUTSIDE_NMT);

    /**
     * The entry {@code <metric>text</metric>} of {@code maxIncrease}.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static MaxIncrease parse(String metric, String text) {
        Metric m;
        try {
            m = Metric.ofKey(metric);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("maxIncrease: " + e.getMessage(), e);
        }
        String parameter = "maxIncrease " + m.key();
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
        Map<Metric, MaxIncrease> parsed = new EnumMap<>(Metric.class);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            MaxIncrease increase = parse(e.getKey(), e.getValue());
            if (parsed.put(increase.metric(), increase) != null) {
                throw new ConfigurationException("maxIncrease names " + increase.metric()
                        + " twice. Keep one entry per metric.");
            }
        }
        List<MaxIncrease> all = new ArrayList<>(parsed.values());
        all.sort(Comparator.comparing(MaxIncrease::metric));
        return all;
    }

    /** The amount as the user thinks of it: {@code 10%}, {@code 12.5%}, {@code 100 MiB}, {@code 5.0 ms}. */
    public String describe() {
        if (!relative) {
            return MetricValue.format(metric, amount);
        }
        return amount == Math.rint(amount) ? (long) amount + "%" : Units.percent(amount);
    }
}
