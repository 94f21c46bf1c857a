package io.github.allocbench.bench;

import java.util.List;

/**
 * The bench configuration as written into {@code results.json}: what a reader needs to judge whether two results
 * are comparable.
 */
public record ConfigSummary(String handler, List<String> allocators, int connections, long durationMs,
                            long warmupMs, long cooldownMs, long sampleIntervalMs, int trials,
                            List<String> jvmArgs) {
}
