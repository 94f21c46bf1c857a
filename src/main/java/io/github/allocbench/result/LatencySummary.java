package io.github.allocbench.result;

/** Request latency percentiles in milliseconds, taken from an HdrHistogram. */
public record LatencySummary(double p50, double p90, double p99, double p999, double max) {

    /** The summary of a run that completed no request. */
    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);
}
