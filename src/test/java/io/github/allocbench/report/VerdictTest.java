package io.github.allocbench.report;

import io.github.allocbench.bench.BenchResult;
import io.github.allocbench.bench.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    @Test
    void namesTheLowestPeakAndItsGainOverSystem() {
        // tcmalloc peaks at 500,000 KiB, system at 600,000 KiB; the failed mimalloc run does not count.
        assertThat(Verdict.of(ReportFixture.result()))
                .isEqualTo("tcmalloc had the lowest peak RSS, 488 MiB: 97.7 MiB (16.7%) less than system (586 MiB).");
    }

    @Test
    void saysWhenSystemItselfIsLowest() {
        assertThat(Verdict.of(ReportFixture.result("tcmalloc", "system")))
                .isEqualTo("system had the lowest peak RSS, 488 MiB; the next, tcmalloc, used 97.7 MiB (20.0%) more.");
    }

    @Test
    void saysWhenThereIsNoSystemRunToCompareWith() {
        assertThat(Verdict.of(ReportFixture.result("jemalloc", "tcmalloc")))
                .isEqualTo("tcmalloc had the lowest peak RSS, 488 MiB; system did not complete a run, "
                        + "so there is no baseline to compare with.");
    }

    @Test
    void saysWhenNothingCompleted() {
        BenchResult fixture = ReportFixture.result();
        BenchResult noneOk = new BenchResult(1, fixture.plugin(), fixture.environment(), fixture.config(),
                List.of(RunResult.skipped("system", 1, null, "disabled")), List.of());

        assertThat(Verdict.of(noneOk)).startsWith("No allocator completed a run");
    }
}
