package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanSize;
import io.github.allocbench.units.Units;

/**
 * A bound on one metric of one allocator (or of every allocator), held against the allocator's median over its
 * trials: the {@code <limit>} of the {@code limits} parameter, already parsed. The bound is fixed, in the metric's
 * unit, or, with {@code of}, a percentage of another allocator's median in the same bench ("jemalloc peakNativeRss at
 * most 90% of system's"), so that a team that switched allocators learns the day the switch stops paying off. A
 * limit with {@code of} on every allocator bounds every allocator but the reference. Warning levels, inside the
 * bounds, make a median past them a warning that does not fail the build.
 *
 * @param allocator   the allocator's name, or {@value #EVERY_ALLOCATOR} for every allocator of the bench
 * @param metric      the metric bounded
 * @param maximum     the largest value that passes, in the metric's unit (percent of {@code of}'s median with
 *                    {@code of}), or {@code null} for none
 * @param minimum     the smallest value that passes, like {@code maximum}, or {@code null} for none
 * @param of          the allocator whose median the bounds are percentages of, or {@code null} for fixed bounds
 * @param warnMaximum the largest value that passes without a warning, below {@code maximum}, or {@code null}
 * @param warnMinimum the smallest value that passes without a warning, above {@code minimum}, or {@code null}
 */
public record Limit(String allocator, Metric metric, Double maximum, Double minimum, String of, Double warnMaximum,
                    Double warnMinimum) {

    /** The allocator name that means every allocator; also what a limit without an allocator gets. */
    public static final String EVERY_ALLOCATOR = "*";

    public Limit {
        allocator = allocator == null || allocator.isBlank() ? EVERY_ALLOCATOR : allocator.trim();
        of = of == null || of.isBlank() ? null : of.trim();
        if (metric == null) {
            throw new ConfigurationException("a limit has no metric. Add <metric>, e.g. <metric>peakRss</metric>.");
        }
        if (maximum == null && minimum == null) {
            throw new ConfigurationException("the limit on " + allocator + " " + metric
                    + " has neither <maximum> nor <minimum>. Add one, e.g. <maximum>"
                    + (of == null ? example(metric) : "90%") + "</maximum>.");
        }
        if (maximum != null && minimum != null && minimum > maximum) {
            throw new ConfigurationException("the limit on " + allocator + " " + metric + " has minimum "
                    + format(metric, of, minimum) + " above its maximum " + format(metric, of, maximum)
                    + ", so nothing could pass. Swap them or drop one.");
        }
        if (of != null && of.equals(allocator)) {
            throw new ConfigurationException("the limit on " + allocator + " " + metric + " is relative to "
                    + "<of>" + of + "</of>, the allocator it bounds, so it compares a median with itself. Name "
                    + "another benched allocator in <of>.");
        }
        requireWarning(allocator, metric, of, "warnMaximum", warnMaximum, "maximum", maximum, true);
        requireWarning(allocator, metric, of, "warnMinimum", warnMinimum, "minimum", minimum, false);
    }

    /** A fixed limit without warning levels. */
    public Limit(String allocator, Metric metric, Double maximum, Double minimum) {
        this(allocator, metric, maximum, minimum, null, null, null);
    }

    /**
     * The limit as written in the POM, each value read in the metric's unit, or as a percentage with {@code of}.
     *
     * @param parameter how the error names this limit, e.g. {@code limits[2]}
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static Limit parse(String parameter, String allocator, String metric, String maximum, String minimum) {
        return parse(parameter, allocator, metric, maximum, minimum, null, null, null);
    }

    /**
     * The limit as written in the POM, with its reference allocator and warning levels.
     *
     * @param parameter how the error names this limit, e.g. {@code limits[2]}
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms; with {@code of}, for
     *                                  a bound that is not a percentage
     */
    public static Limit parse(String parameter, String allocator, String metric, String maximum, String minimum,
                              String of, String warnMaximum, String warnMinimum) {
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
        String reference = of == null || of.isBlank() ? null : of.trim();
        return new Limit(allocator, m, value(m, reference, parameter, "maximum", maximum),
                value(m, reference, parameter, "minimum", minimum), reference,
                value(m, reference, parameter, "warnMaximum", warnMaximum),
                value(m, reference, parameter, "warnMinimum", warnMinimum));
    }

    /**
     * Whether this limit bounds {@code name} (an allocator, or an allocator on one JDK such as {@code jemalloc@jdk25}):
     * the allocator it names, or every allocator, but never the reference of a relative limit.
     */
    public boolean appliesTo(String name) {
        String named = RunResult.allocatorOfVariant(name);
        return (allocator.equals(EVERY_ALLOCATOR) || allocator.equals(named)) && !named.equals(of);
    }

    /** Whether the bounds are percentages of another allocator's median. */
    public boolean relative() {
        return of != null;
    }

    private static void requireWarning(String allocator, Metric metric, String of, String name, Double warning,
                                       String boundName, Double bound, boolean maximum) {
        if (warning == null) {
            return;
        }
        String limit = "the limit on " + allocator + " " + metric;
        if (bound == null) {
            throw new ConfigurationException(limit + " has <" + name + "> but no <" + boundName + ">: a warning "
                    + "level needs the bound it warns before. Add <" + boundName + ">.");
        }
        if (maximum ? warning >= bound : warning <= bound) {
            throw new ConfigurationException(limit + " has " + name + " " + format(metric, of, warning) + ", not "
                    + (maximum ? "below" : "above") + " its " + boundName + " " + format(metric, of, bound)
                    + ", so it would never warn before the build fails. Move it inside the " + boundName + ".");
        }
    }

    private static Double value(Metric metric, String of, String parameter, String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (of == null) {
            return MetricValue.parse(metric, parameter + "." + name, text);
        }
        if (!HumanSize.isPercent(text)) {
            throw new ConfigurationException(parameter + "." + name + " is '" + text.trim() + "', but with <of>"
                    + of + "</of> a bound is a percentage of " + of + "'s median. Write e.g. <" + name + ">90%</"
                    + name + ">, or drop <of> for a fixed bound.");
        }
        return HumanSize.parsePercent(parameter + "." + name, text);
    }

    /** A bound as the user wrote it: in the metric's unit, or a percentage of the reference. */
    static String format(Metric metric, String of, double value) {
        return of == null ? MetricValue.format(metric, value) : percent(value) + " of " + of;
    }

    /**
     * A percentage without a needless decimal: {@code 90%}, {@code 92.5%}. A percentage computed back from a bound
     * ({@code 100 * bound / reference}) can miss its whole number by a rounding error, so near one counts as one.
     */
    static String percent(double value) {
        double whole = Math.rint(value);
        return Math.abs(value - whole) < 1e-9 ? (long) whole + "%" : Units.percent(value);
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
