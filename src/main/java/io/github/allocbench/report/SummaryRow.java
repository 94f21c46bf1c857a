package io.github.allocbench.report;

import io.github.allocbench.bench.RunResult;
import io.github.allocbench.bench.RunStatus;
import io.github.allocbench.load.LoadResult;

/**
 * One run as the summary tables show it, every figure already formatted by {@link Units}: the HTML report and the
 * console print the same numbers. Figures the run did not produce are {@code -}.
 *
 * @param name              the allocator, with the trial number when the bench ran more than one trial
 * @param status            {@code ok}, {@code failed} or {@code skipped}
 * @param ok                whether the status is ok, for the template
 * @param preload           {@code yes} when the library was found in the server's memory map, {@code no} when it
 *                          was not, {@code none} for an allocator that preloads nothing, {@code -} when never started
 * @param peakRss           highest resident set size
 * @param peakVsz           highest virtual size
 * @param requestsPerSecond responses per second in the measured window
 * @param p50               median latency
 * @param p99               99th percentile latency
 * @param errors            failed requests and connects
 * @param connections       connections really opened
 * @param note              why a failed or skipped run did not complete, with the exit code if any; else {@code null}
 * @param logFile           the server's log relative to the output directory, or {@code null}
 */
public record SummaryRow(String name, String status, boolean ok, String preload, String peakRss, String peakVsz,
                         String requestsPerSecond, String p50, String p99, String errors, String connections,
                         String note, String logFile) {

    static final String NONE = "-";

    static SummaryRow of(RunResult run, boolean showTrial) {
        LoadResult load = run.load();
        boolean sampled = !run.samples().isEmpty();
        return new SummaryRow(
                showTrial ? run.allocator() + " #" + run.trial() : run.allocator(),
                run.status().label(),
                run.status() == RunStatus.OK,
                preload(run),
                sampled ? Units.size(run.summary().peakRssKb()) : NONE,
                sampled ? Units.size(run.summary().peakVszKb()) : NONE,
                load == null ? NONE : Units.rate(load.requestsPerSecond()),
                load == null || load.latencyMs() == null ? NONE : Units.millis(load.latencyMs().p50()),
                load == null || load.latencyMs() == null ? NONE : Units.millis(load.latencyMs().p99()),
                load == null ? NONE : Units.count(load.errors()),
                load == null ? NONE : Units.count(load.connectionsOpened()),
                note(run),
                run.logFile());
    }

    private static String preload(RunResult run) {
        if (run.status() == RunStatus.SKIPPED) {
            return NONE;
        }
        if (run.library() == null) {
            return "none";
        }
        return run.preloadVerified() ? "yes" : "no";
    }

    private static String note(RunResult run) {
        if (run.status() == RunStatus.OK) {
            return null;
        }
        String why = run.failure() == null ? "no reason recorded" : run.failure();
        return run.exitCode() == null ? why : why + " (exit code " + run.exitCode() + ")";
    }
}
