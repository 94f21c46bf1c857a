package io.github.allocbench.maven;

/**
 * One {@code <limit>} of the {@code limits} parameter: a bound on one metric of one allocator (or every allocator),
 * written in the metric's human unit. Maven fills its fields; {@code gate.Limit} reads and checks them.
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
}
