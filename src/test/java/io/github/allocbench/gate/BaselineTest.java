package io.github.allocbench.gate;

import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.Validity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.allocbench.gate.GateFixture.CONFIG;
import static io.github.allocbench.gate.GateFixture.ENVIRONMENT;
import static io.github.allocbench.gate.GateFixture.GIB;
import static io.github.allocbench.gate.GateFixture.MIB;
import static io.github.allocbench.gate.GateFixture.failed;
import static io.github.allocbench.gate.GateFixture.ok;
import static io.github.allocbench.gate.GateFixture.result;
import static io.github.allocbench.gate.GateFixture.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineTest {

    @TempDir
    Path dir;

    private static BenchResult twoTrials() {
        return result(ok("system", 1, GIB, 100 * MIB, 20_000, 5), ok("jemalloc", 1, 900 * MIB, 50 * MIB, 21_000, 4),
                ok("system", 2, 3 * GIB, 140 * MIB, 22_000, 7), ok("jemalloc", 2, 700 * MIB, 30 * MIB, 19_000, 6));
    }

    @Test
    void readsBackTheMediansConfigAndEnvironmentItRecorded() throws IOException {
        Path file = dir.resolve("allocator-baseline.json");

        Baseline written = Baseline.record(twoTrials(), file);
        Baseline read = Baseline.read(file);

        assertThat(read).isEqualTo(written);
        assertThat(read.config()).isEqualTo(CONFIG);
        assertThat(read.environment()).isEqualTo(ENVIRONMENT);
        AllocatorStats system = read.allocator("system").orElseThrow();
        assertThat(system.okRuns()).isEqualTo(2);
        assertThat(system.metrics().get(Metric.PEAK_RSS).median()).isEqualTo(2.0 * GIB);
        assertThat(read.allocator("jemalloc").orElseThrow().metrics().get(Metric.RETAINED_RSS).median())
                .isEqualTo(40.0 * MIB);
        assertThat(read.allocator("mimalloc")).isEmpty();
    }

    @Test
    void isAResultsFileWithoutTheChecksItWasJudgedBy() throws IOException {
        BenchResult judged = new BenchResult(1, new BenchResult.PluginInfo("0.1.0"), ENVIRONMENT, CONFIG,
                twoTrials().runs(), List.of(new CheckResult("system", "peakRss", "maximum", 1, 2, null, true, "ok")));
        Path file = dir.resolve("allocator-baseline.json");

        Baseline.record(judged, file);

        BenchResult stored = ResultsFile.read(file);
        assertThat(stored.runs()).isEqualTo(judged.runs());
        assertThat(stored.checks()).isEmpty();
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void refusesToRecordABenchWithFailedRunsAndKeepsTheOldBaseline() throws IOException {
        Path file = dir.resolve("allocator-baseline.json");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> Baseline.record(result(ok("system", 1, GIB, MIB, 1, 1), failed("jemalloc", 1)),
                file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing to record a baseline from a bench with failed runs: jemalloc "
                        + "(trial 1): the server died")
                .hasMessageContaining("mvn verify allocator:baseline");
        assertThatThrownBy(() -> Baseline.record(result(skipped("system", 1), skipped("jemalloc", 1)), file))
                .hasMessageContaining("without a single ok run");
        assertThat(Files.readString(file)).isEqualTo("old");
    }

    @Test
    void recordsABenchWithASkippedAllocatorWithoutIt() throws IOException {
        Baseline recorded = Baseline.record(result(ok("system", 1, GIB, MIB, 1, 1), skipped("jemalloc", 1)),
                dir.resolve("b.json"));

        assertThat(recorded.allocator("jemalloc").orElseThrow().okRuns()).isZero();
    }

    @Test
    void aCorruptFileIsAnErrorNamingItAndHowToRecordAgain() throws IOException {
        Path file = dir.resolve("allocator-baseline.json");
        Files.writeString(file, "{ \"schemaVersion\" : 1, \"runs\" : [ {");

        assertThatThrownBy(() -> Baseline.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot use the baseline " + file.toAbsolutePath() + ": ")
                .hasMessageContaining("line 1")
                .hasMessageEndingWith("Record it again with mvn verify allocator:baseline, or set <baseline> "
                        + "(-Dallocbench.baseline) to another file.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Re-run the bench")
                        .containsOnlyOnce(file.toAbsolutePath().toString()));
    }

    @Test
    void aFileWithoutOkRunsOrConfigIsNoBaseline() throws IOException {
        Path noOk = dir.resolve("no-ok.json");
        ResultsFile.write(result(skipped("system", 1)), noOk);
        Path noConfig = dir.resolve("no-config.json");
        Files.writeString(noConfig, "{\"schemaVersion\": 1, \"runs\": []}");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");

        assertThatThrownBy(() -> Baseline.read(noOk))
                .hasMessageContaining("no-ok.json: it holds no valid run with status ok");
        assertThatThrownBy(() -> Baseline.read(noConfig)).hasMessageContaining("no-config.json: it has no config");
        assertThatThrownBy(() -> Baseline.read(empty)).hasMessageContaining("Cannot use the baseline "
                + empty.toAbsolutePath());
        assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.json")))
                .hasMessageContaining("missing.json: it does not exist");
    }

    @Test
    void sameConditionsMakeNoDifferences() {
        Baseline baseline = Baseline.of(dir.resolve("b.json"), twoTrials());

        assertThat(baseline.differencesFrom(twoTrials())).isEmpty();
    }

    @Test
    void namesEveryConditionThatMakesTheComparisonMeaningless() {
        Baseline baseline = Baseline.of(dir.resolve("b.json"), twoTrials());
        BenchResult other = result(
                new io.github.allocbench.result.ConfigSummary("com.example.Other", CONFIG.allocators(), 10_000,
                        10_000, 0, 10_000, 250, 1, List.of("-Xms2g")),
                new BenchEnvironment("Linux", "6.1.0", "x86_64", 8, 1L, "OpenJDK 64-Bit Server VM 21.0.4", "12.1.14"),
                ok("system", 1, GIB, MIB, 1, 1));

        assertThat(baseline.differencesFrom(other)).containsExactly(
                "handler: com.example.Hello in the baseline, com.example.Other now",
                "connections: 200 in the baseline, 10,000 now",
                "duration: 3s in the baseline, 10s now",
                "warmup: 2s in the baseline, 0s now",
                "cooldown: 1s in the baseline, 10s now",
                "jvmArgs: -Xms256m -Xmx256m in the baseline, -Xms2g now",
                "sampleInterval: 500ms in the baseline, 250ms now",
                "trials: 3 in the baseline, 1 now",
                "cpus: 2 in the baseline, 8 now",
                "java: OpenJDK 64-Bit Server VM 17.0.15 in the baseline, OpenJDK 64-Bit Server VM 21.0.4 now");
    }

    @Test
    void namesEveryFieldThatShapesTheLoadOrTheAllocator() {
        BenchEnvironment thenEnv = new BenchEnvironment("Linux", "6.1.0", "x86_64", 2, 1L, "17", "12.1.14", null,
                null, null, "madvise", Map.of("jemalloc", new AllocatorContext(
                        "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "libjemalloc2 5.3.0-1", Map.of(), List.of())));
        BenchEnvironment nowEnv = new BenchEnvironment("Linux", "6.1.0", "x86_64", 2, 1L, "17", "12.1.14", null,
                null, null, "always", Map.of("jemalloc", new AllocatorContext(
                        "/opt/jemalloc/lib/libjemalloc.so.2", "none 5.3.1", Map.of(), List.of())));
        ConfigSummary thenConfig = new ConfigSummary("h", List.of("jemalloc"), 200, 3_000, 0, 0, 250, 1,
                List.of(), 5_000, 0, List.of("-Xmx1g"), RequestShape.DEFAULT, 3_000, null);
        ConfigSummary nowConfig = new ConfigSummary("h", List.of("jemalloc"), 200, 3_000, 0, 0, 250, 1,
                List.of(), 0, 2_000, List.of("-Xmx2g"), new RequestShape("POST", List.of("/a"), Map.of(), "{}"), 0, null);
        Baseline baseline = Baseline.of(dir.resolve("b.json"),
                result(thenConfig, thenEnv, ok("jemalloc", 1, GIB, MIB, 1, 1)));

        assertThat(baseline.differencesFrom(result(nowConfig, nowEnv, ok("jemalloc", 1, GIB, MIB, 1, 1))))
                .containsExactly(
                        "rate: closed loop in the baseline, 2,000 req/s now",
                        "settle: 3s in the baseline, 0s now",
                        "loadWarmup: 5s in the baseline, 0s now",
                        "request: GET / in the baseline, POST /a body of 2 chars now",
                        "generatorJvmArgs: -Xmx1g in the baseline, -Xmx2g now",
                        "transparent huge pages: madvise in the baseline, always now",
                        "jemalloc library: /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 in the baseline, "
                                + "/opt/jemalloc/lib/libjemalloc.so.2 now",
                        "jemalloc package: libjemalloc2 5.3.0-1 in the baseline, none 5.3.1 now");
    }

    @Test
    void aBaselineBenchedWithOtherCpuPinsIsNamedAsADifference() {
        ConfigSummary unpinned = new ConfigSummary("h", List.of("jemalloc"), 200, 3_000, 0, 0, 250, 1, List.of());
        ConfigSummary pinned = new ConfigSummary("h", List.of("jemalloc"), 200, 3_000, 0, 0, 250, 1, List.of(), 0, 0,
                null, null, 0, null, List.of(), "0-1", "2-3");
        Baseline baseline = Baseline.of(dir.resolve("b.json"), result(unpinned, null, ok("jemalloc", 1, GIB, MIB, 1,
                1)));

        assertThat(baseline.differencesFrom(result(pinned, null, ok("jemalloc", 1, GIB, MIB, 1, 1))))
                .containsExactly("CPU placement: not pinned in the baseline, server CPUs 0-1, generator CPUs 2-3 now");
        assertThat(baseline.differencesFrom(result(unpinned, null, ok("jemalloc", 1, GIB, MIB, 1, 1)))).isEmpty();
    }

    @Test
    void refusesToRecordABenchWithAnInvalidRun() throws IOException {
        Path file = dir.resolve("baseline.json");
        RunResult invalid = ok("jemalloc", 1, GIB, MIB, 1, 1)
                .withValidity(Validity.of(List.of("held 6,412 of 10,000 connections")));

        assertThatThrownBy(() -> Baseline.record(result(ok("system", 1, GIB, MIB, 1, 1), invalid), file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing to record a baseline from a bench with invalid runs")
                .hasMessageContaining("jemalloc (trial 1): held 6,412 of 10,000 connections");
        assertThat(file).doesNotExist();
    }
}
