package io.github.allocbench.memory;

import java.time.Duration;

/**
 * What a {@link MemorySampler} cost the host, measured as the CPU time of its own thread: the figure that says the
 * sampling did not disturb the bench (the target is below 1 % of one core).
 *
 * @param reads          readings taken
 * @param cpuNanos       CPU time of all readings
 * @param rollupReads    readings that included {@code smaps_rollup}
 * @param rollupCpuNanos CPU time of the readings that included {@code smaps_rollup}, part of {@code cpuNanos}
 * @param interval       the time between two readings
 */
public record SamplerCost(long reads, long cpuNanos, long rollupReads, long rollupCpuNanos, Duration interval) {

    /** Mean CPU milliseconds per reading, 0 without readings. */
    public double cpuMillisPerRead() {
        return reads == 0 ? 0 : cpuNanos / 1e6 / reads;
    }

    /** Mean CPU milliseconds of a reading with {@code smaps_rollup}, 0 without such readings. */
    public double cpuMillisPerRollup() {
        return rollupReads == 0 ? 0 : rollupCpuNanos / 1e6 / rollupReads;
    }

    /** The sampler's share of one core at its interval, in percent. */
    public double percentOfOneCore() {
        return reads == 0 ? 0 : 100.0 * cpuNanos / reads / interval.toNanos();
    }
}
