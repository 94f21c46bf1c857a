package io.github.allocbench.maven;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineCompletenessTest {

    private static BenchResult withRuns(List<String> allocators, List<RunResult> runs, boolean interrupted) {
        BenchResult base = ResultFixture.result();
        return new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                new ConfigSummary(ResultFixture.HANDLER, allocators, 100, 1_000, 0, 0,
                        250, 1, List.of()), runs, List.of(), interrupted);
    }

    @Test
    void completeResultsHaveNoGaps() {
        BenchResult result = withRuns(List.of("system", "tcmalloc"), List.of(
                ResultFixture.ok("system", 1, 1L, 1_000, 2_000, 100),
                ResultFixture.ok("tcmalloc", 1, 2L, 1_000, 2_000, 100)), false);

        assertThat(BaselineCompleteness.gaps(result)).isEmpty();
    }

    @Test
    void anInterruptedBenchNamesTheInterruptionAndTheAllocatorItNeverFinished() {
        List<RunResult> runs = new ArrayList<>(List.of(ResultFixture.ok("system", 1, 1L, 1_000, 2_000, 100)));
        runs.add(RunResult.interrupted("glibc-arena2", 1, "interrupted"));

        assertThat(BaselineCompleteness.gaps(withRuns(List.of("system", "glibc-arena2"), runs, true)))
                .containsExactly("the bench was interrupted (SIGINT or SIGTERM) with 1 planned run(s) unfinished",
                        "the configured allocator glibc-arena2 has no completed run (interrupted)");
    }

    @Test
    void aConfiguredAllocatorWithoutRunsIsAGap() {
        BenchResult result = withRuns(List.of("system", "jemalloc"), List.of(
                ResultFixture.ok("system", 1, 1L, 1_000, 2_000, 100)), false);

        assertThat(BaselineCompleteness.gaps(result))
                .containsExactly("the configured allocator jemalloc has no completed run");
    }
}
