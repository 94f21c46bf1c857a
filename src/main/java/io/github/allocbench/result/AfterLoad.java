package io.github.allocbench.result;

/**
 * Native RSS at a moment after the load stopped, where allocators differ most: glibc keeps its arenas, jemalloc
 * decays dirty pages over seconds, mimalloc purges after a delay. Times count from the last sample of the measured
 * window, so the moment is the first sample at or after {@code afterMs}; {@code sampledAtMs} says which it was.
 *
 * @param afterMs     the moment asked for: 100, 1,000, 5,000 ms, or the end of the cooldown (its last sample)
 * @param sampledAtMs when the sample that stands for it was taken, counted the same way
 * @param nativeRssKb native RSS in that sample
 */
public record AfterLoad(long afterMs, long sampledAtMs, long nativeRssKb) {
}
