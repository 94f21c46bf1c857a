package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    private static final String RULE = "A difference is called only when it is at least 1 % (and, for memory, 1 MiB) "
            + "and, over at least 2 trials each, the two allocators' min–max ranges do not overlap.";

    @Test
    void ranksOnNativeMemoryAndCannotCallADifferenceFromOneTrial() {
        // Native = RSS minus the 128 MiB pre-touched heap: tcmalloc 368,928 KiB, system 468,928 KiB, one trial each.
        List<String> sentences = Verdict.sentences(ResultFixture.withNative(ResultFixture.result()));

        assertThat(sentences).containsExactly(
                "Memory is ranked on native memory: RSS minus the Java heap's resident part, the only part an "
                        + "allocator governs; total RSS, what a container limit sees, stays in the table.",
                "tcmalloc had the lowest peak native memory, 360 MiB, 97.7 MiB (21.3%) less than system (458 MiB), "
                        + "but with one trial each that cannot be told from run-to-run noise: run with trials=3 (at "
                        + "least 2) to settle it.",
                "tcmalloc had the least native memory retained after the cooldown, 244 MiB, 78.1 MiB (17.1% of "
                        + "system's peak) less than system (322 MiB), but with one trial each that cannot be told "
                        + "from run-to-run noise: run with trials=3 (at least 2) to settle it.",
                "tcmalloc had the highest throughput, 31,006 req/s, 6,193 req/s (25.0%) more than system "
                        + "(24,812 req/s), but with one trial each that cannot be told from run-to-run noise: run "
                        + "with trials=3 (at least 2) to settle it.",
                "tcmalloc had the lowest p99 latency, 14.0 ms, 3.5 ms (20.0%) less than system (17.5 ms), but with "
                        + "one trial each that cannot be told from run-to-run noise: run with trials=3 (at least 2) "
                        + "to settle it.",
                RULE,
                "Recommendation: keep the default (system): no allocator wins beyond the noise here; with one trial "
                        + "none can, so run with trials=3 to settle it.",
                "Not all runs completed: jemalloc was skipped; mimalloc failed; the summary below says why.");
    }

    @Test
    void resultsWithoutNativeFiguresAreRankedOnTotalRssAndSaySo() {
        List<String> sentences = Verdict.sentences(ResultFixture.result());

        assertThat(sentences.get(0)).startsWith("These results carry no native memory figures");
        assertThat(sentences.get(1)).startsWith("tcmalloc had the lowest peak RSS, 488 MiB, 97.7 MiB (16.7%) less "
                + "than system (586 MiB)");
        assertThat(sentences).contains("Recommendation: keep the default (system): no run carries native memory "
                + "figures to compare.");
    }

    @Test
    void whenSystemIsBestTheNextIsTheReference() {
        assertThat(Verdict.sentences(ResultFixture.withNative(ResultFixture.result("tcmalloc", "system"))).get(1))
                .startsWith("system had the lowest peak native memory, 360 MiB, 97.7 MiB (21.3%) less than tcmalloc "
                        + "(458 MiB)");
    }

    @Test
    void saysWhenThereIsNoSystemRunToCompareWith() {
        assertThat(Verdict.sentences(ResultFixture.withNative(ResultFixture.result("jemalloc", "tcmalloc"))).get(1))
                .isEqualTo("tcmalloc had the lowest peak native memory, 360 MiB; system has no completed run to "
                        + "compare with.");
    }

    @Test
    void callsADifferenceInsideTheTrialsRangesNoiseAndOneOutsideThemReal() {
        List<String> sentences = Verdict.sentences(ResultFixture.withNative(ResultFixture.trials()));

        // Native medians: system 468,928 KiB (448,928-488,928), tcmalloc 453,928 KiB (443,928-458,928): overlap.
        assertThat(sentences.get(1)).isEqualTo("tcmalloc had the lowest median peak native memory, 443 MiB, "
                + "14.6 MiB (3.2%) less than system (458 MiB), but that is inside the run-to-run noise: over the "
                + "trials tcmalloc ranged 434 MiB to 448 MiB and system 438 MiB to 477 MiB.");
        // Throughput: tcmalloc 29k-31k against system 24k-26k do not overlap.
        assertThat(sentences.get(3)).startsWith("tcmalloc had the highest median throughput, 30,000 req/s")
                .endsWith("beyond the run-to-run noise: over the trials tcmalloc ranged 29,000 req/s to "
                        + "31,000 req/s and system 24,000 req/s to 26,000 req/s.");
        assertThat(sentences).contains("Recommendation: keep the default (system): no allocator wins beyond the "
                + "noise here.");
    }

    @Test
    void differencesBelowTheFloorAreAboutTheSameWithoutAPercentage() {
        BenchResult one = ResultFixture.result();
        // 500 KiB apart at about 470 MiB native: under both 1 MiB and 1 %.
        BenchResult close = new BenchResult(one.schemaVersion(), one.plugin(), one.environment(), one.config(),
                List.of(ResultFixture.ok("system", 1, 1L, 600_000, 5_000_000, 25_000),
                        ResultFixture.ok("tcmalloc", 1, 2L, 599_500, 4_100_000, 25_000)), List.of());

        List<String> sentences = Verdict.sentences(ResultFixture.withNative(close));

        assertThat(sentences.get(1)).isEqualTo("tcmalloc and system had about the same peak native memory: "
                + "457 MiB and 458 MiB, less apart than 4.6 MiB.");
        assertThat(String.join(" ", sentences)).doesNotContain("%)");
    }

    @Test
    void keepsTheDefaultSayingWhyWhenItHasTheLeastNativeMemoryBeyondTheNoise() {
        List<RunResult> runs = List.of(
                ResultFixture.ok("system", 1, 1L, 500_000, 5_000_000, 25_000),
                ResultFixture.ok("tcmalloc", 1, 2L, 600_000, 4_100_000, 25_100),
                ResultFixture.ok("system", 2, 3L, 505_000, 5_000_000, 25_200),
                ResultFixture.ok("tcmalloc", 2, 4L, 610_000, 4_100_000, 24_900));
        BenchResult result = bench(ResultFixture.result().environment(), List.of("system", "tcmalloc"), 2, runs);

        assertThat(Verdict.recommendation(result).allocator()).isNull();
        assertThat(Verdict.sentences(result)).contains("Recommendation: keep the default (system): it had the lowest "
                + "peak native memory, and every other allocator more beyond the noise.");
    }

    @Test
    void aBenchOfTheDefaultAloneClaimsNoWinOverOthers() {
        BenchResult result = bench(ResultFixture.result().environment(), List.of("system"), 2, List.of(
                ResultFixture.ok("system", 1, 1L, 500_000, 5_000_000, 25_000),
                ResultFixture.ok("system", 2, 3L, 505_000, 5_000_000, 25_200)));

        assertThat(Verdict.sentences(result)).contains("Recommendation: keep the default (system): no allocator wins "
                + "beyond the noise here.");
    }

    @Test
    void recommendsAnAllocatorThatWinsBeyondTheNoiseWithTheLinesToShipIt() {
        List<RunResult> runs = tcmallocLowerInMemory();
        BenchResult one = ResultFixture.result();
        BenchEnvironment e = one.environment();
        BenchEnvironment env = new BenchEnvironment(e.os(), e.kernel(), e.arch(), e.cpus(), e.memoryBytes(),
                e.java(), e.jetty(), e.cpuModel(), e.cgroupMemoryLimitBytes(), e.openFileLimit(), "madvise",
                Map.of("tcmalloc", new AllocatorContext("/usr/lib/x86_64-linux-gnu/libtcmalloc.so",
                        "libtcmalloc-minimal4 2.10-2", Map.of("TCMALLOC_RELEASE_RATE", "10"), List.of())));
        BenchResult result = bench(env, List.of("system", "tcmalloc"), 3, runs);

        Recommendation recommendation = Verdict.recommendation(result);

        assertThat(recommendation.allocator()).isEqualTo("tcmalloc");
        assertThat(Verdict.sentences(result)).contains("Recommendation: ship tcmalloc, the lowest peak native memory "
                + "beyond the noise (365 MiB, 102.5 MiB less than system), with throughput and p99 latency not worse "
                + "beyond the noise; the lines to ship it follow.");
        assertThat(recommendation.shipLines()).containsExactly(
                "# Install: apt-get install -y libtcmalloc-minimal4",
                "# Dockerfile",
                "RUN apt-get update && apt-get install -y --no-install-recommends libtcmalloc-minimal4 && rm -rf "
                        + "/var/lib/apt/lists/*",
                "ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc.so",
                "ENV TCMALLOC_RELEASE_RATE=10",
                "# Jib: <container><environment>",
                "<LD_PRELOAD>/usr/lib/x86_64-linux-gnu/libtcmalloc.so</LD_PRELOAD>",
                "<TCMALLOC_RELEASE_RATE>10</TCMALLOC_RELEASE_RATE>",
                "# systemd: [Service]",
                "Environment=\"LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc.so\"",
                "Environment=\"TCMALLOC_RELEASE_RATE=10\"");
    }

    @Test
    void anAllocatorLowerInMemoryIsNotShippedWhenItsThroughputCameFromAClimbingWindow() {
        List<RunResult> runs = tcmallocLowerInMemory();
        // system's second trial, the highest req/s, climbed: neither system nor tcmalloc can be shown not to cost.
        List<RunResult> climbed = runs.stream().map(r -> r.variant().equals("system") && r.trial() == 2
                ? r.toBuilder().load(climbing(r.load())).build() : r).toList();
        BenchResult result = bench(ResultFixture.result().environment(), List.of("system", "tcmalloc"), 3, climbed);

        assertThat(Verdict.recommendation(result).allocator()).isNull();
        assertThat(Verdict.sentences(result)).contains("Recommendation: keep the default (system): tcmalloc had less "
                + "peak native memory beyond the noise, but throughput and latency came from a measured window still "
                + "climbing, so it cannot be shown that it costs none: raise settle (" + result.config().settleMs()
                / 1000 + "s here), e.g. <settle>" + Math.max(2 * result.config().settleMs(),
                result.config().settleMs() + 10_000) / 1000 + "s</settle>, until the Throughput per second chart "
                + "runs flat.");
        SummaryTable table = SummaryTable.of(result);
        int rps = table.columns().stream().map(SummaryTable.Column::header).toList().indexOf("Req/s");
        assertThat(table.rows()).extracting(row -> row.cells().get(rps).best())
                .containsExactly(false, true, false, false, false, false);
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

    @Test
    void namesARankedRunWhoseWindowWasStillClimbingAndSaysHowLongToSettle() {
        BenchResult fixture = ResultFixture.withNative(ResultFixture.result());
        List<RunResult> runs = fixture.runs().stream().map(r -> r.allocator().equals("tcmalloc") ? r.toBuilder()
                .load(climbing(r.load())).build() : r).toList();
        BenchResult climbed = new BenchResult(fixture.schemaVersion(), fixture.plugin(), fixture.environment(),
                fixture.config(), runs, fixture.checks());

        List<String> sentences = Verdict.sentences(climbed);

        assertThat(sentences).containsSubsequence(
                "tcmalloc's measured window opened before the load had settled: its first 3 s answered a median "
                        + "1,000 responses per second, its last 3 s 3,000 (33.3%), so its req/s and latency describe "
                        + "a start-up transient, not the steady state, and are not ranked.",
                "Raise settle (" + climbed.config().settleMs() / 1000 + "s here), e.g. <settle>"
                        + Math.max(2 * climbed.config().settleMs(), climbed.config().settleMs() + 10_000) / 1000
                        + "s</settle>, until the Throughput per second chart runs flat.",
                RULE);
        assertThat(Verdict.sentences(fixture)).noneMatch(s -> s.contains("before the load had settled"));
    }

    /** {@code load} whose ten seconds climb from 1,000 to 3,000 responses. */
    private static LoadResult climbing(LoadResult load) {
        return new LoadResult(load.connectionsOpened(), load.requests(), load.errors(), load.errorsByCause(),
                load.requestsPerSecond(), load.latencyMs(), load.rampMs(),
                List.of(1000L, 1000L, 1000L, 1500L, 2000L, 2500L, 2800L, 3000L, 3000L, 3000L), load.targetRate(),
                load.sourceAddresses(), load.generatorCpuSeconds(), load.generatorRssKb(), load.generatorJvm());
    }

    /** Three trials each in which tcmalloc's peak RSS is about 100 MiB below system's, its throughput the same. */
    private static List<RunResult> tcmallocLowerInMemory() {
        return List.of(
                ResultFixture.ok("system", 1, 1L, 600_000, 5_000_000, 25_000),
                ResultFixture.ok("tcmalloc", 1, 2L, 500_000, 4_100_000, 25_100),
                ResultFixture.ok("system", 2, 3L, 610_000, 5_000_000, 25_200),
                ResultFixture.ok("tcmalloc", 2, 4L, 505_000, 4_100_000, 24_900),
                ResultFixture.ok("system", 3, 5L, 620_000, 5_000_000, 24_800),
                ResultFixture.ok("tcmalloc", 3, 6L, 510_000, 4_100_000, 25_000));
    }

    /** A bench of {@code allocators} over {@code trials} with native figures, in the fixture's configuration. */
    private static BenchResult bench(BenchEnvironment env, List<String> allocators, int trials, List<RunResult> runs) {
        BenchResult one = ResultFixture.result();
        ConfigSummary c = one.config();
        return ResultFixture.withNative(new BenchResult(one.schemaVersion(), one.plugin(), env,
                new ConfigSummary(c.handler(), allocators, c.connections(), c.durationMs(), c.warmupMs(),
                        c.cooldownMs(), c.sampleIntervalMs(), trials, c.jvmArgs()), runs, List.of()));
    }
}
