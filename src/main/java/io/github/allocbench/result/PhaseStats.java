package io.github.allocbench.result;

/**
 * RSS figures of one phase of a run, in KiB.
 *
 * @param peakRssKb   the highest reading
 * @param medianRssKb the median reading
 * @param lastRssKb   the last reading
 */
public record PhaseStats(long peakRssKb, long medianRssKb, long lastRssKb) {
}
