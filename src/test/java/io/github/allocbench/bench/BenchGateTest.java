package io.github.allocbench.bench;

import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.ResultsFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a bench reads its baseline and compares with it, and what it says about that. */
class BenchGateTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<String> lines = log.lines();

    private static BenchResult systemOnly() {
        return new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo("0.1.0"),
                new BenchEnvironment("Linux", "6.1.0", "amd64", 2, 1L << 34, "17.0.15", "12.1.14"),
                new ConfigSummary("com.example.Hello", List.of("system"), 10, 1_000, 0, 0, 1_000, 1, List.of()),
                List.of(ResultFixture.ok("system", 1, 1_000L, 600_000, 5_000_000, 24_812.4)), List.of());
    }

    private BenchConfig config(Path baseline, boolean skip) {
        return BenchConfig.builder().allocators(List.of("system")).connections(10).duration(Duration.ofSeconds(1))
                .idle(Duration.ZERO).cooldown(Duration.ZERO).sampleInterval(Duration.ofSeconds(1)).jvmArgs(List.of())
                .classpath(List.of("/cp")).outputDirectory(dir.resolve("out")).loadWarmup(Duration.ZERO)
                .settle(Duration.ZERO).baseline(baseline).skipBaseline(skip).build();
    }

    @Test
    void aRecordedBaselineIsComparedWithTheDefaultsWithoutAnyRule() throws Exception {
        Path baseline = dir.resolve("allocator-baseline.json");
        ResultsFile.write(systemOnly(), baseline);

        BenchGate gate = BenchGate.prepare(config(baseline, false), log);
        GateOutcome outcome = gate.judge(systemOnly());
        gate.log(outcome, log);

        assertThat(lines.get(0)).isEqualTo("INFO Read the baseline " + baseline + " (1 allocator(s)); "
                + "<maxIncrease> names no metric, so the default amounts apply, sized by the trials' noise when the "
                + "bench ends.");
        assertThat(lines.get(1)).startsWith("INFO Comparing with the baseline " + baseline + " using the default "
                + "maxIncrease peakNativeRss 10% (warning at 5%), ");
        assertThat(outcome.checks()).isNotEmpty().allMatch(c -> c.rule().equals("maxIncrease") && c.passed());
    }

    @Test
    void skippingTheBaselineComparesNothingAndSaysSo() throws Exception {
        Path baseline = dir.resolve("allocator-baseline.json");
        ResultsFile.write(systemOnly(), baseline);

        BenchGate gate = BenchGate.prepare(config(baseline, true), log);

        assertThat(gate.judge(systemOnly())).isNull();
        assertThat(lines).containsExactly("INFO Not comparing with the baseline " + baseline
                + ": allocbench.baseline.skip is set.");
    }

    @Test
    void withoutABaselineFileAndRulesNothingIsSaidOrJudged() {
        BenchGate gate = BenchGate.prepare(config(dir.resolve("none.json"), false), log);

        assertThat(gate.judge(systemOnly())).isNull();
        assertThat(lines).isEmpty();
    }
}
