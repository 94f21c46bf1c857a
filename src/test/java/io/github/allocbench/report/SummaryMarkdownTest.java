package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.Validity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryMarkdownTest {

    @Test
    void writesTheVerdictThenAGithubTableWithTheBestInBold(@TempDir Path dir) throws IOException {
        Path file = SummaryMarkdown.write(ResultFixture.result(), dir);

        assertThat(file).isEqualTo(dir.resolve("summary.md"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsSubsequence(
                "## Allocator bench: com.example.HelloHandler",
                "",
                "- These results carry no native memory figures (written before them), so memory is ranked on total RSS, "
                        + "Java heap included, which hides most of the allocators' differences.",
                "- tcmalloc had the lowest peak RSS, 488 MiB, 97.7 MiB (16.7%) less than system (586 MiB), but with "
                        + "one trial each that cannot be told from run-to-run noise: run with trials=3 (at least 2) "
                        + "to settle it.",
                "- Recommendation: keep the default (system): no run carries native memory figures to compare.",
                "- Not all runs completed: jemalloc was skipped; mimalloc failed; the summary below says why.",
                "",
                "| Allocator | Status | Validity | Preload proven | Peak native | Median load native "
                        + "| Retained native | Peak RSS | Median load RSS | Retained RSS | Returned | Peak VSZ "
                        + "| Outside NMT | Req/s | p50 | p99 | Errors | Connections held |",
                "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                        + "| ---: | ---: | ---: |",
                "| system | ok | - | none | - | - | - | 586 MiB | 582 MiB | 322 MiB | 26.7% | 4.77 GiB | 356 MiB "
                        + "| 24,812 | 2.3 ms | 17.5 ms | 3 (0.00%) | 10,000 |",
                "| jemalloc | skipped | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - |",
                "| mimalloc | failed | - | yes | - | - | - | - | - | - | - | - | - | - | - | - | - | - |",
                "| tcmalloc | ok | - | yes | - | - | - | **488 MiB ★** | **484 MiB ★** | **244 MiB ★** | **28.6% ★** "
                        + "| 3.91 GiB | **259 MiB ★** | **31,006 ★** | **1.9 ms ★** | **14.0 ms ★** "
                        + "| **3 (0.00%) ★** | 10,000 |",
                "",
                "★ best value of the column among completed, valid runs; never on Peak VSZ (address space, not "
                        + "memory), nor on a negative Outside NMT (committed heap not yet touched), nor on the req/s "
                        + "and latency of a window still climbing. Sizes in binary units (1 MiB = 1024 KiB).",
                "",
                "- jemalloc skipped: jemalloc: /usr/lib/x86\\_64-linux-gnu/libjemalloc.so.2 not found. Install it "
                        + "(Debian/Ubuntu: apt-get install libjemalloc2) or set &lt;library&gt; for this allocator.");
        assertThat(String.join("\n", lines)).doesNotContain("Gate verdicts");
        assertThat(lines).contains("CPU placement: not pinned.");
    }

    @Test
    void saysWhereTheServerAndTheGeneratorWerePinned() {
        BenchResult f = ResultFixture.result();
        ConfigSummary serverOnly = ResultFixture.pinned(f.config(), "0-1", null);

        assertThat(SummaryMarkdown.render(new BenchResult(1, f.plugin(), f.environment(), serverOnly, f.runs(),
                List.of()), List.of())).contains("\nCPU placement: server CPUs 0-1, generator not pinned.\n");
    }

    @Test
    void addsTheGatesVerdictsWhenThereAreAny() {
        BenchResult f = ResultFixture.result();
        BenchResult gated = new BenchResult(1, f.plugin(), f.environment(), f.config(), f.runs(), List.of(
                new CheckResult("system", "peakRss", "maximum", 600_000, 512_000, null, false,
                        "system peakRss is 586 MiB, but the maximum is 500 MiB.")));

        assertThat(SummaryMarkdown.render(gated, List.of())).contains(
                "### Gate verdicts: 1 of 1 failed",
                "| Result | Allocator | Metric | Rule | Actual | Limit | Baseline | Message |",
                "| **FAIL** | system | peakRss | maximum | 586 MiB | 500 MiB | - | system peakRss is 586 MiB, but "
                        + "the maximum is 500 MiB. |");
    }

    @Test
    void aCheckPastItsWarningLevelIsAWarnRowThatPassed() {
        BenchResult f = ResultFixture.result();
        BenchResult gated = new BenchResult(1, f.plugin(), f.environment(), f.config(), f.runs(), List.of(
                new CheckResult("system", "peakRss", "maximum", 600_000, 1_024_000, null, true,
                        "system peakRss is 586 MiB, within the maximum of 1000 MiB but past the warning level of "
                                + "500 MiB.", CheckResult.WARN, 512_000.0, null, null),
                new CheckResult("tcmalloc", "peakRss", "maximum", 500_000, 1_024_000, null, true,
                        "tcmalloc peakRss is 488 MiB, within the maximum of 1000 MiB.")));

        assertThat(SummaryMarkdown.render(gated, List.of())).contains(
                "### Gate verdicts: all 2 passed; 1 passed past their warning level",
                "| WARN | system | peakRss | maximum | 586 MiB |",
                "| pass | tcmalloc | peakRss | maximum | 488 MiB |");
    }

    @Test
    void escapesNamesSoTheyNeitherBreakTheTableNorInjectMarkup() {
        String md = SummaryMarkdown.render(ResultFixture.result("<script>alert(1)</script>", "a|b*c"), List.of());

        assertThat(md).doesNotContain("<script>").contains("| &lt;script&gt;alert(1)&lt;/script&gt; | ok |",
                "| a\\|b\\*c | ok |");
    }

    @Test
    void anInvalidRunIsMarkedNeverBestAndItsReasonsListed() {
        BenchResult f = ResultFixture.result();
        List<RunResult> runs = new ArrayList<>();
        for (RunResult run : f.runs()) {
            runs.add(run.allocator().equals("tcmalloc")
                    ? run.withValidity(Validity.of(List.of("received no response in the measured window")))
                    : run);
        }
        String md = SummaryMarkdown.render(new BenchResult(f.schemaVersion(), f.plugin(), f.environment(),
                f.config(), runs, List.of()), List.of());

        // tcmalloc's figures are the lowest, but an invalid run never wins a column.
        assertThat(md).contains("| tcmalloc | ok | invalid | yes | - | - | - | 488 MiB |")
                .doesNotContain("★**")
                .contains("- tcmalloc invalid, not ranked or judged: received no response in the measured window");
    }
}
