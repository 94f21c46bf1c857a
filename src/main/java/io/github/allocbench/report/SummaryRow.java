package io.github.allocbench.report;

import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.units.Units;

/**
 * One run as the summary tables show it, every figure already formatted by {@link Units}: the HTML report, the
 * Markdown summary and the console print the same numbers. Figures the run did not produce are {@code -}.
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
 * @param errors            failed requests and connects, with the error rate (errors over successes plus errors)
 * @param connections       connections really opened and held
 * @param note              why a failed or skipped run did not complete, with the exit code if any; else {@code null}
 * @param logFile           the server's log relative to the output directory, or {@code null}
 * @param medianLoadRss     median RSS over the load phase
 * @param retainedRss       RSS at the end of the cooldown minus RSS before the load
 * @param returned          share of the load's growth given back by the end of the run
 * @param outsideNmt        median RSS outside Native Memory Tracking's committed total under load
 * @param peakNative        highest native RSS (RSS minus the Java heap's resident part)
 * @param medianLoadNative  median native RSS over the load phase
 * @param retainedNative    native RSS at the end of the cooldown minus native RSS before the load
 * @param validity          {@code valid} or {@code invalid} for a completed run that was judged, else {@code -}
 *                          (not completed, or a file written before runs were judged)
 * @param invalidBecause    why an invalid run does not count, its reasons joined; else {@code null}
 */
public record SummaryRow(String name, String status, boolean ok, String preload, String peakRss, String peakVsz,
                         String requestsPerSecond, String p50, String p99, String errors, String connections,
                         String note, String logFile, String medianLoadRss, String retainedRss, String returned,
                         String outsideNmt, String peakNative, String medianLoadNative, String retainedNative,
                         String validity, String invalidBecause) {

    static final String NONE = "-";
    static final String VALID = "valid";
    static final String INVALID = "invalid";

    static SummaryRow of(RunResult run, boolean showTrial) {
        LoadResult load = run.load();
        RunSummary summary = run.summary();
        boolean sampled = !run.samples().isEmpty();
        boolean loaded = sampled && summary.phases().containsKey("load");
        return new SummaryRow(
                ReportView.name(run, showTrial),
                run.status().label(),
                run.status() == RunStatus.OK,
                preload(run),
                sampled ? Units.size(summary.peakRssKb()) : NONE,
                sampled ? Units.size(summary.peakVszKb()) : NONE,
                load == null ? NONE : Units.rate(load.requestsPerSecond()),
                load == null || load.latencyMs() == null ? NONE : Units.millis(load.latencyMs().p50()),
                load == null || load.latencyMs() == null ? NONE : Units.millis(load.latencyMs().p99()),
                load == null ? NONE : errors(run),
                load == null ? NONE : Units.count(load.connectionsOpened()),
                note(run),
                run.logFile(),
                loaded ? Units.size(summary.medianLoadRssKb()) : NONE,
                sampled ? signedSize(summary.retainedRssKb()) : NONE,
                summary.returnedPercent() == null ? NONE : Units.percent(summary.returnedPercent()),
                summary.outsideNmtKb() == null ? NONE : signedSize(summary.outsideNmtKb()),
                summary.peakNativeRssKb() == null ? NONE : signedSize(summary.peakNativeRssKb()),
                summary.medianLoadNativeRssKb() == null ? NONE : signedSize(summary.medianLoadNativeRssKb()),
                summary.retainedNativeRssKb() == null ? NONE : signedSize(summary.retainedNativeRssKb()),
                validity(run),
                run.status() == RunStatus.OK && run.validity() != null && !run.validity().valid()
                        ? String.join("; ", run.validity().reasons()) : null);
    }

    /** Whether the run counts; only completed runs are judged. */
    private static String validity(RunResult run) {
        if (run.status() != RunStatus.OK || run.validity() == null) {
            return NONE;
        }
        return run.validity().valid() ? VALID : INVALID;
    }

    private static String errors(RunResult run) {
        return Units.count(run.load().errors()) + " (" + Units.smallPercent(Metric.ERROR_RATE.of(run)) + ")";
    }

    /** RSS can end below where it started, and NMT can count more than is resident: keep the sign visible. */
    private static String signedSize(long kib) {
        return kib < 0 ? "-" + Units.size(-kib) : Units.size(kib);
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
