package io.github.allocbench.bench;

import io.github.allocbench.memory.MemorySample;

import java.util.List;

/**
 * Figures derived from one run's memory samples.
 *
 * @param peakRssKb the highest resident set size seen, in KiB (0 without samples)
 * @param peakVszKb the highest virtual size seen, in KiB (0 without samples)
 */
public record RunSummary(long peakRssKb, long peakVszKb) {

    /** The summary of the given samples. */
    public static RunSummary of(List<MemorySample> samples) {
        long rss = 0;
        long vsz = 0;
        for (MemorySample s : samples) {
            rss = Math.max(rss, s.rssKb());
            vsz = Math.max(vsz, s.vszKb());
        }
        return new RunSummary(rss, vsz);
    }
}
