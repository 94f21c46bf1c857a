package io.github.allocbench.result;

/**
 * RSS figures of one phase of a run, in KiB.
 *
 * @param peakRssKb   the highest reading
 * @param medianRssKb the median reading
 * @param lastRssKb   the last reading
 * @param samples     how many readings the phase has; {@code 0} in files written before it
 */
public record PhaseStats(long peakRssKb, long medianRssKb, long lastRssKb, int samples) {

    /** Figures without the sample count, as files before it recorded. */
    public PhaseStats(long peakRssKb, long medianRssKb, long lastRssKb) {
        this(peakRssKb, medianRssKb, lastRssKb, 0);
    }
}
