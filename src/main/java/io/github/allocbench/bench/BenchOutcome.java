package io.github.allocbench.bench;

import io.github.allocbench.result.BenchResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished bench hands back to its caller.
 *
 * @param result     everything measured, as written to results.json
 * @param failedRuns one line per failed run: allocator, trial and reason
 * @param report     the HTML report written
 */
public record BenchOutcome(BenchResult result, List<String> failedRuns, Path report) {

    public BenchOutcome {
        failedRuns = List.copyOf(failedRuns);
    }
}
