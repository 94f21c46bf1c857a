package io.github.allocbench.maven;

/**
 * One {@code <limit>} of the {@code limits} parameter: a bound on one metric of one allocator (or every allocator),
 * written in the metric's human unit or as a percentage of another allocator's median. Maven fills its fields;
 * {@code gate.Limit} reads and checks them.
 */
public class LimitDefinition {

    /** The allocator bounded; leave it out or write {@code *} for every allocator of the bench. */
    String allocator;

    /** The metric bounded: {@code peakRss}, {@code medianLoadRss}, {@code retainedRss}, {@code peakVsz}, ... */
    String metric;

    /** The largest median that passes, e.g. {@code 1.8GB}, {@code 50ms}, {@code 0.1%}. */
    String maximum;

    /** The smallest median that passes, e.g. {@code 25k} for {@code requestsPerSecond}. */
    String minimum;

    /**
     * Another benched allocator whose median the bounds are percentages of, e.g. {@code system} with
     * {@code <maximum>90%</maximum>}; on every allocator, the limit bounds all but this one.
     */
    String of;

    /** A median above this, but within {@code maximum}, passes with a warning. */
    String warnMaximum;

    /** A median below this, but within {@code minimum}, passes with a warning. */
    String warnMinimum;
}
