package io.github.allocbench.report;

import io.github.allocbench.result.ResultFixture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSummaryTest {

    @Test
    void printsAnAlignedTableThenTheReasonsThenTheVerdict() {
        assertThat(ConsoleSummary.lines(ResultFixture.result())).containsExactly(
                "allocator  status   peak native  retained native  peak RSS   peak VSZ   req/s      p99     errors   conns",
                "---------  -------  -----------  ---------------  --------  ---------  ------  -------  ---------  ------",
                "system     ok                 -                -   586 MiB   4.77 GiB  24,812  17.5 ms  3 (0.00%)  10,000",
                "jemalloc   skipped            -                -         -          -       -        -          -       -",
                "mimalloc   failed             -                -   236 MiB  10.49 GiB       -        -          -       -",
                "tcmalloc   ok                 -                -   488 MiB   3.91 GiB  31,006  14.0 ms  3 (0.00%)  10,000",
                "jemalloc skipped: " + ResultFixture.JEMALLOC_HINT,
                "mimalloc failed: " + ResultFixture.MIMALLOC_FAILURE + " (exit code 137)",
                "system load generator (closed loop, in its own JVM, not the server's): CPU 12.5 s, RSS up to "
                        + "342 MiB, 1 source address, ramp 1,800 ms",
                "tcmalloc load generator (closed loop, in its own JVM, not the server's): CPU 12.5 s, RSS up to "
                        + "342 MiB, 1 source address, ramp 1,800 ms",
                Verdict.of(ResultFixture.result()));
    }
}
