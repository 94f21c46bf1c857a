package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.Validity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSummaryTest {

    @Test
    void printsAnAlignedTableThenTheReasonsThenTheVerdict() {
        assertThat(ConsoleSummary.lines(ResultFixture.result())).containsExactly(
                "allocator  status   validity  peak native  retained native  peak RSS   peak VSZ   req/s      p99"
                        + "     errors   conns",
                "---------  -------  --------  -----------  ---------------  --------  ---------  ------  -------"
                        + "  ---------  ------",
                "system     ok       -                   -                -   586 MiB   4.77 GiB  24,812  17.5 ms"
                        + "  3 (0.00%)  10,000",
                "jemalloc   skipped  -                   -                -         -          -       -        -"
                        + "          -       -",
                "mimalloc   failed   -                   -                -   236 MiB  10.49 GiB       -        -"
                        + "          -       -",
                "tcmalloc   ok       -                   -                -   488 MiB   3.91 GiB  31,006  14.0 ms"
                        + "  3 (0.00%)  10,000",
                "jemalloc skipped: " + ResultFixture.JEMALLOC_HINT,
                "mimalloc failed: " + ResultFixture.MIMALLOC_FAILURE + " (exit code 137)",
                "system load generator (closed loop, in its own JVM, not the server's): CPU 12.5 s, RSS up to "
                        + "342 MiB, 1 source address, ramp 1,800 ms",
                "tcmalloc load generator (closed loop, in its own JVM, not the server's): CPU 12.5 s, RSS up to "
                        + "342 MiB, 1 source address, ramp 1,800 ms",
                Verdict.of(ResultFixture.result()));
    }

    @Test
    void marksEachRunValidOrInvalidAndSaysWhyAnInvalidOneDoesNotCount() {
        BenchResult f = ResultFixture.result();
        List<RunResult> runs = new ArrayList<>();
        for (RunResult run : f.runs()) {
            runs.add(run.allocator().equals("system")
                    ? run.withValidity(Validity.of(List.of("held 6,412 of 10,000 connections")))
                    : run.status() == RunStatus.OK ? run.withValidity(Validity.VALID) : run);
        }
        BenchResult judged = new BenchResult(f.schemaVersion(), f.plugin(), f.environment(), f.config(), runs,
                List.of());

        List<String> lines = ConsoleSummary.lines(judged);

        assertThat(lines.get(2)).startsWith("system     ok       invalid");
        assertThat(lines.get(5)).startsWith("tcmalloc   ok       valid  ");
        assertThat(lines).contains("system invalid, not ranked or judged: held 6,412 of 10,000 connections");
    }
}
