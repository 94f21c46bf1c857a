package io.github.allocbench.memory;

/**
 * One reading of the forked server's memory, as the operating system sees it.
 *
 * @param tMs   milliseconds since the start of the load
 * @param phase the phase of the run the reading was taken in
 * @param rssKb resident set size (VmRSS) in KiB
 * @param vszKb virtual size (VmSize) in KiB
 */
public record MemorySample(long tMs, Phase phase, long rssKb, long vszKb) {
}
