package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.units.ConfigurationException;

/**
 * A fixed bound on one metric of one allocator (or of every allocator), held against the allocator's median over
 * its trials: the {@code <limit>} of the {@code limits} parameter, already parsed.
 *
 * @param allocator the allocator's name, or {@value #EVERY_ALLOCATOR} for every allocator of the bench
 * @param metric    the metric bounded
 * @param maximum   the largest value that passes, in the metric's unit, or {@code null} for none
 * @param minimum   the smallest value that passes, in the metric's unit, or {@code null} for none
 */
public record Limit(String allocator, Metric metric, Double maximum, Double minimum) {

    /** The allocator name that means every allocator; also what a limit without an allocator gets. */
    public static final String EVERY_ALLOCATOR = "*";

    public Limit {
        allocator = allocator == null || allocator.isBlank() ? EVERY_ALLOCATOR : allocator.trim();
        if (metric == null) {
            throw new ConfigurationException("a limit has no metric. Add <metric>, e.g. <metric>peakRss</metric>.");
        }
        if (maximum == null && minimum == null) {
            throw new ConfigurationException("the limit on " + allocator + " " + metric
                    + " has neither <maximum> nor <minimum>. Add one, e.g. <maximum>"
                    + example(metric) + "</maximum>.");
        }
        if (maximum != null && minimum != null && minimum > maximum) {
            throw new ConfigurationException("the limit on " + allocator + " " + metric + " has minimum "
                    + MetricValue.format(metric, minimum) + " above its maximum " + MetricValue.format(metric, maximum)
                    + ", so nothing could pass. Swap them or drop one.");
        }
    }

    /**
     * The limit as written in the POM, each value read in the metric's unit.
     *
     * @param parameter how the error names this limit, e.g. {@code limits[2]}
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static Limit parse(String parameter, String allocator, String metric, String maximum, String minimum) {
        if (metric == null || metric.isBlank()) {
            throw new ConfigurationException(parameter + " has no <metric>. Name one, e.g. <metric>peakRss"
                    + "</metric>.");
        }
        Metric m;
        try {
            m = Metric.ofKey(metric);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(parameter + ": " + e.getMessage(), e);
        }
        return new Limit(allocator, m, value(m, parameter + ".maximum", maximum),
                value(m, parameter + ".minimum", minimum));
    }

    /** Whether this limit bounds {@code name}. */
    public boolean appliesTo(String name) {
        return allocator.equals(EVERY_ALLOCATOR) || allocator.equals(name)
                || name.startsWith(allocator + RunResult.VARIANT_SEPARATOR);
    }

    private static Double value(Metric metric, String parameter, String text) {
        return text == null || text.isBlank() ? null : MetricValue.parse(metric, parameter, text);
    }

    private static String example(Metric metric) {
        return switch (metric.unit()) {
            case KIB -> "1.5GB";
            case PER_SECOND -> "25k";
            case MILLIS -> "50ms";
            case PERCENT -> "0.1%";
        };
    }
}
