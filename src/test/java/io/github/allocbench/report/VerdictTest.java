package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    @Test
    void ranksFourMetricsAgainstSystemAndNamesTheRunsThatDidNotComplete() {
        // tcmalloc peaks at 500,000 KiB, system at 600,000 KiB; the failed mimalloc run does not count.
        assertThat(Verdict.sentences(ResultFixture.result())).containsExactly(
                "tcmalloc had the lowest peak RSS, 488 MiB, 97.7 MiB (16.7%) less than system (586 MiB).",
                "tcmalloc had the lowest RSS retained after the cooldown, 244 MiB, 78.1 MiB (24.2%) less than "
                        + "system (322 MiB).",
                "tcmalloc had the highest throughput, 31,006 req/s, 6,193 req/s (25.0%) more than system "
                        + "(24,812 req/s).",
                "tcmalloc had the lowest p99 latency, 14.0 ms, 3.5 ms (20.0%) less than system (17.5 ms).",
                "Not all runs completed: jemalloc was skipped; mimalloc failed; the summary below says why.");
    }

    @Test
    void anInterruptedBenchSaysSoFirstAndNamesTheRunItNeverFinished() {
        BenchResult base = ResultFixture.result();
        List<RunResult> runs = new ArrayList<>(base.runs());
        runs.add(RunResult.interrupted("glibc-arena2", 1, "interrupted"));
        BenchResult interrupted = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config(), runs, List.of(), true);

        List<String> sentences = Verdict.sentences(interrupted);

        assertThat(sentences.get(0)).isEqualTo("This bench was interrupted (SIGINT or SIGTERM): 1 planned run did "
                + "not finish, so the comparison below is incomplete.");
        assertThat(sentences.get(sentences.size() - 1)).contains("glibc-arena2 was interrupted");
    }

    @Test
    void saysWhenSystemItselfIsBestAndByHowMuchTheNextTrails() {
        assertThat(Verdict.sentences(ResultFixture.result("tcmalloc", "system")).get(0))
                .isEqualTo("system had the lowest peak RSS, 488 MiB; the next, tcmalloc, had 97.7 MiB (20.0%) more.");
    }

    @Test
    void saysWhenThereIsNoSystemRunToCompareWith() {
        assertThat(Verdict.sentences(ResultFixture.result("jemalloc", "tcmalloc")).get(0))
                .isEqualTo("tcmalloc had the lowest peak RSS, 488 MiB; system has no completed run to compare with.");
    }

    @Test
    void callsADifferenceInsideTheTrialsRangesNoise() {
        List<String> sentences = Verdict.sentences(ResultFixture.trials());

        // Medians: system 600,000 KiB (580k-620k), tcmalloc 585,000 KiB (575k-590k): the ranges overlap.
        assertThat(sentences.get(0)).isEqualTo("tcmalloc had the lowest median peak RSS, 571 MiB, 14.6 MiB (2.5%) "
                + "less than system (586 MiB). That difference is inside the run-to-run noise: over the trials "
                + "tcmalloc ranged 562 MiB to 576 MiB and system 566 MiB to 605 MiB.");
        // Throughput: tcmalloc 29k-31k against system 24k-26k do not overlap, so no noise note.
        assertThat(sentences.get(2)).startsWith("tcmalloc had the highest median throughput, 30,000 req/s")
                .doesNotContain("noise");
    }

    @Test
    void comparesEachMergedSourceWithItsOwnSystem() {
        assertThat(Verdict.baselineFor("jemalloc@ci-a")).isEqualTo("system@ci-a");
        assertThat(Verdict.baselineFor("jemalloc")).isEqualTo("system");
    }

    @Test
    void saysWhenNothingCompleted() {
        BenchResult fixture = ResultFixture.result();
        BenchResult noneOk = new BenchResult(1, fixture.plugin(), fixture.environment(), fixture.config(),
                List.of(RunResult.skipped("system", 1, null, "disabled")), List.of());

        assertThat(Verdict.sentences(noneOk)).containsExactly(
                "No allocator completed a run, so there is nothing to compare: see the failures below.",
                "System was skipped; the summary below says why.");
    }
}
