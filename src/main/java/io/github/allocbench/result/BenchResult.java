package io.github.allocbench.result;

import java.util.List;

/**
 * Everything one bench measured: the root of {@code results.json}. The file's shape only ever grows by added fields,
 * so {@link #SCHEMA_VERSION} changes only when a field changes meaning. {@code checks} holds the gate's verdicts,
 * empty when no limit or baseline is configured. {@code interrupted} is true when SIGINT or SIGTERM ended the bench
 * before its plan was done; the runs it did not finish are then listed with status {@code interrupted}.
 * {@code unjudgedChecks} holds the checks that were neither passed nor failed because a run they needed did not
 * measure what it claims: it was invalid, or, for throughput and latency, its window was still climbing.
 */
public record BenchResult(int schemaVersion, PluginInfo plugin, BenchEnvironment environment, ConfigSummary config,
                          List<RunResult> runs, List<CheckResult> checks, boolean interrupted,
                          List<UnjudgedCheck> unjudgedChecks) {

    public static final int SCHEMA_VERSION = 1;

    public BenchResult {
        runs = List.copyOf(runs);
        checks = checks == null ? List.of() : List.copyOf(checks);
        unjudgedChecks = unjudgedChecks == null ? List.of() : List.copyOf(unjudgedChecks);
    }

    /** A bench in which every check could be judged. */
    public BenchResult(int schemaVersion, PluginInfo plugin, BenchEnvironment environment, ConfigSummary config,
                       List<RunResult> runs, List<CheckResult> checks, boolean interrupted) {
        this(schemaVersion, plugin, environment, config, runs, checks, interrupted, List.of());
    }

    /** A bench that was not interrupted. */
    public BenchResult(int schemaVersion, PluginInfo plugin, BenchEnvironment environment, ConfigSummary config,
                       List<RunResult> runs, List<CheckResult> checks) {
        this(schemaVersion, plugin, environment, config, runs, checks, false);
    }

    /** The plugin that wrote the results. */
    public record PluginInfo(String version) {
    }
}
