package io.github.allocbench.bench;

import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.gate.ViolationTable;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.UnjudgedCheck;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a finished bench hands back to its caller, with the sentences a build tool ends on.
 *
 * @param result          everything measured, as written to results.json
 * @param failedRuns      one line per failed run: allocator, trial and reason
 * @param report          the HTML report written
 * @param gate            the gate's outcome, or {@code null} when no limit or maximum increase is configured
 * @param failOnViolation whether a violated check fails the build or is only a warning
 */
public record BenchOutcome(BenchResult result, List<String> failedRuns, Path report, GateOutcome gate,
                           boolean failOnViolation) {

    public BenchOutcome {
        failedRuns = List.copyOf(failedRuns);
    }

    /** Why the measurement broke, with where the logs are, or empty when every attempted run completed. */
    public Optional<String> measurementFailure() {
        if (failedRuns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(failedRuns.size() + " run(s) of the allocator bench failed: "
                + String.join("; ", failedRuns) + ". Their logs are under " + report.resolveSibling("logs")
                + "; the report is " + report + ".");
    }

    /**
     * The checks that could not be judged because runs they needed did not measure what they claim (invalid runs, or
     * windows still climbing for throughput and latency), or empty: the measurement broke, not the code.
     */
    public Optional<String> unjudged() {
        if (gate == null || gate.unjudged().isEmpty()) {
            return Optional.empty();
        }
        List<String> sentences = gate.unjudgedSentences();
        long allocators = gate.unjudged().stream().map(UnjudgedCheck::allocator).distinct().count();
        return Optional.of(allocators + " allocator(s) had checks that could not be judged, because runs "
                + "they needed did not measure what they claim (the measurement broke, not the code): "
                + String.join(" ", sentences) + " The report is " + report + ".");
    }

    /** The violated checks as one table with the report's path, or empty when every check passed. */
    public Optional<String> violations() {
        if (gate == null || gate.violations().isEmpty()) {
            return Optional.empty();
        }
        List<CheckResult> violated = gate.violations();
        return Optional.of(violated.size() + " of " + gate.checks().size() + " allocator bench checks failed:\n"
                + ViolationTable.of(violated) + "\nThe report is " + report + ".");
    }
}
