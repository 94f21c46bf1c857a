package io.github.allocbench.result;


import java.util.List;

/**
 * The outcome of one allocator in one trial, in the shape {@code results.json} writes it.
 *
 * @param allocator       the allocator's name
 * @param trial           the trial number, from 1
 * @param status          how the run ended
 * @param library         the preloaded library, or {@code null} for none
 * @param preloadVerified whether the library was found in the server's {@code /proc/<pid>/maps}
 * @param pid             the forked server's process id, or {@code null} when none started
 * @param exitCode        the server's exit code when it died on its own, else {@code null}
 * @param failure         why the run failed or was skipped (with the fix), else {@code null}
 * @param logFile         the server's stdout/stderr log, relative to the output directory, or {@code null}
 * @param samples         memory readings in time order
 * @param load            what the load generator did, or {@code null} when no load ran
 * @param summary         figures derived from the samples
 * @param failedPhase     the phase the server died in when it died during the run, else {@code null}
 */
public record RunResult(String allocator, int trial, RunStatus status, String library, boolean preloadVerified,
                        Long pid, Integer exitCode, String failure, String logFile, List<MemorySample> samples,
                        LoadResult load, RunSummary summary, Phase failedPhase) {

    public RunResult {
        samples = List.copyOf(samples);
    }

    /** A run whose server did not die during it (or never started). */
    public RunResult(String allocator, int trial, RunStatus status, String library, boolean preloadVerified,
                     Long pid, Integer exitCode, String failure, String logFile, List<MemorySample> samples,
                     LoadResult load, RunSummary summary) {
        this(allocator, trial, status, library, preloadVerified, pid, exitCode, failure, logFile, samples, load,
                summary, null);
    }

    /** A planned run that the bench's interruption ended or kept from starting. */
    public static RunResult interrupted(String allocator, int trial, String reason) {
        return new RunResult(allocator, trial, RunStatus.INTERRUPTED, null, false, null, null, reason, null,
                List.of(), null, RunSummary.of(List.of()));
    }

    /** A run that was not attempted, with the reason and the fix. */
    public static RunResult skipped(String allocator, int trial, String library, String reason) {
        return new RunResult(allocator, trial, RunStatus.SKIPPED, library, false, null, null, reason, null,
                List.of(), null, RunSummary.of(List.of()));
    }
}
