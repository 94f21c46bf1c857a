package io.github.allocbench.bench;

import io.github.allocbench.memory.CpuTimes.CpuUse;
import io.github.allocbench.result.LatencySummary;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.PhaseStats;
import io.github.allocbench.result.RunCpus;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.Validity;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.CpuList;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunValidityTest {

    private static final CpuUse SPARE_CPU = new CpuUse(2, 1.1, 0.0);

    /** 10,000 connections for 10 s, 2 s idle, 3 s settle, 5 s cooldown, sampled every 250 ms. */
    private static BenchConfig config(double rate) {
        return builder(rate).build();
    }

    private static BenchConfig.Builder builder(double rate) {
        return BenchConfig.builder()
                .handler(null)
                .allocators(List.of("system"))
                .customAllocators(List.of())
                .connections(10_000)
                .duration(Duration.ofSeconds(10))
                .idle(Duration.ofSeconds(2))
                .cooldown(Duration.ofSeconds(5))
                .trials(1)
                .sampleInterval(Duration.ofMillis(250))
                .startupTimeout(Duration.ofSeconds(60))
                .jvmArgs(List.of())
                .classpath(List.of("/cp"))
                .outputDirectory(Path.of("target/x"))
                .nativeMemoryTracking(true)
                .rate(rate)
                .request(null)
                .loadWarmup(Duration.ZERO)
                .generatorJvmArgs(List.of())
                .generatorClasspath(List.of())
                .settle(Duration.ofSeconds(3))
                .requestTimeout(null);
    }

    private static LoadResult load(int connections, long responses, long errors, double rps, double targetRate) {
        return new LoadResult(connections, responses, errors, Map.of(), rps,
                new LatencySummary(1, 2, 3, 4, 5), 500, List.of(), targetRate, 1, 10, 300_000, "own", responses,
                responses - errors, responses + errors == 0 ? null : 100.0 * errors / (responses),
                10_000, null);
    }

    private static RunSummary summary(long longestGapMs, String nmtError, Phase... missing) {
        Map<String, PhaseStats> phases = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (!List.of(missing).contains(p)) {
                phases.put(p.label(), new PhaseStats(1, 1, 1, 4));
            }
        }
        return new RunSummary(1, 1, 1, 1, 0, null, null, null, phases, RunSummary.SAMPLED, 0, null, longestGapMs,
                nmtError);
    }

    private static RunResult run(LoadResult load, RunSummary summary) {
        return RunResult.builder("system", 1).load(load).summary(summary).build();
    }

    private static RunResult goodRun() {
        return run(load(10_000, 250_000, 0, 25_000, 0), summary(260, null));
    }

    @Test
    void aRunThatMeasuredTheLoadAskedForIsValid() {
        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, goodRun(), SPARE_CPU))
                .isEqualTo(Validity.VALID);
    }

    @Test
    void fewerConnectionsHeldThanAskedForIsInvalid() {
        Validity v = RunValidity.judge(config(0), ValidityRules.DEFAULT,
                run(load(6_412, 250_000, 0, 25_000, 0), summary(260, null)), SPARE_CPU);

        assertThat(v.valid()).isFalse();
        assertThat(v.reasons()).containsExactly("held 6,412 of 10,000 connections");
    }

    @Test
    void noResponseIsInvalidEvenThoughItsLatencyIsZero() {
        Validity v = RunValidity.judge(config(0), ValidityRules.DEFAULT,
                run(load(10_000, 0, 0, 0, 0), summary(260, null)), SPARE_CPU);

        assertThat(v.reasons()).containsExactly(
                "received no response in the measured window, so its latency and rate figures are empty");
    }

    @Test
    void anErrorRateAboveMaxErrorRateIsInvalidAndTheBoundIsConfigurable() {
        RunResult run = run(load(10_000, 100_000, 2_000, 10_000, 0), summary(260, null));

        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, run, SPARE_CPU).reasons())
                .containsExactly("error rate 2.0% (2,000 errors) is above maxErrorRate 1.0%");
        assertThat(RunValidity.judge(config(0), new ValidityRules(5), run, SPARE_CPU).valid()).isTrue();
        assertThat(RunValidity.judge(config(0), ValidityRules.parse("0.01%"), goodRun(), SPARE_CPU).valid())
                .isTrue();
    }

    @Test
    void anOpenLoopBelow95PercentOfItsRateFellBehind() {
        RunResult behind = run(load(10_000, 90_000, 0, 9_000, 10_000), summary(260, null));
        RunResult kept = run(load(10_000, 96_000, 0, 9_600, 10_000), summary(260, null));

        assertThat(RunValidity.judge(config(10_000), ValidityRules.DEFAULT, behind, new CpuUse(2, 0.5, 40))
                .reasons()).containsExactly("achieved 9,000 of the 10,000 req/s asked for (90.0%, below 95.0%), so "
                + "the open loop fell behind");
        assertThat(RunValidity.judge(config(10_000), ValidityRules.DEFAULT, kept, new CpuUse(2, 0.5, 40)).valid())
                .isTrue();
    }

    @Test
    void aGeneratorUsingNearlyEveryCoreWasSaturated() {
        Validity v = RunValidity.judge(config(0), ValidityRules.DEFAULT, goodRun(), new CpuUse(2, 1.86, 3));

        assertThat(v.reasons()).containsExactly("the load generator was CPU-saturated: it used 1.86 of 2 cores in "
                + "the measured window, so it, not the server, set the pace");
    }

    @Test
    void aPinnedGeneratorIsSaturatedWhenItFillsItsOwnCpus() {
        BenchConfig pinned = builder(0).serverCpus(CpuList.parse("serverCpus", "0-2"))
                .generatorCpus(CpuList.parse("generatorCpus", "3")).build();
        RunResult run = goodRun().toBuilder().cpus(new RunCpus("0-2", "3")).build();

        assertThat(RunValidity.judge(pinned, ValidityRules.DEFAULT, run, new CpuUse(4, 0.95, 20)).reasons())
                .containsExactly("the load generator was CPU-saturated: it used 0.95 of the 1 core of generatorCpus 3 "
                        + "in the measured window, so it, not the server, set the pace");
        assertThat(RunValidity.judge(pinned, ValidityRules.DEFAULT, run, new CpuUse(4, 0.5, 20)).valid()).isTrue();
    }

    @Test
    void aRunWhosePinDidNotHoldIsInvalid() {
        BenchConfig pinned = builder(0).serverCpus(CpuList.parse("serverCpus", "0"))
                .generatorCpus(CpuList.parse("generatorCpus", "1")).build();
        CpuUse spare = new CpuUse(2, 0.5, 40);

        assertThat(RunValidity.judge(pinned, ValidityRules.DEFAULT, goodRun().toBuilder()
                .cpus(new RunCpus("0", "1")).build(), spare).valid()).isTrue();
        assertThat(RunValidity.judge(pinned, ValidityRules.DEFAULT, goodRun().toBuilder()
                .cpus(new RunCpus("0-1", "1")).build(), spare).reasons()).containsExactly(
                "the server was allowed CPUs 0-1, not the serverCpus 0 asked for, so it did not run where it was "
                        + "pinned");
        assertThat(RunValidity.judge(pinned, ValidityRules.DEFAULT, goodRun(), spare).reasons()).hasSize(2);
        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, goodRun().toBuilder()
                .cpus(new RunCpus("0-1", "0-1")).build(), SPARE_CPU).valid()).isTrue();
    }

    @Test
    void aBusyMachineInvalidatesAnOpenLoopButNotAClosedOneWhichSaturatesItByDesign() {
        CpuUse busy = new CpuUse(2, 0.9, 1.5);
        RunResult open = run(load(10_000, 100_000, 0, 10_000, 10_000), summary(260, null));

        assertThat(RunValidity.judge(config(10_000), ValidityRules.DEFAULT, open, busy).reasons())
                .containsExactly("the machine was CPU-saturated: idle 1.5% of the measured window while the load "
                        + "generator used 0.90 of 2 cores, so the open loop could not hold its schedule");
        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, goodRun(), busy).valid()).isTrue();
        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, goodRun(), null).valid()).isTrue();
    }

    @Test
    void aGapOfMoreThanFourSampleIntervalsIsInvalid() {
        RunResult gap = run(load(10_000, 250_000, 0, 25_000, 0), summary(1_001, null));
        RunResult edge = run(load(10_000, 250_000, 0, 25_000, 0), summary(1_000, null));

        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, gap, SPARE_CPU).reasons())
                .singleElement().asString()
                .startsWith("memory was not sampled for 1")
                .endsWith("longer than 4 sample intervals (1s)");
        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, edge, SPARE_CPU).valid()).isTrue();
    }

    @Test
    void aPlannedPhaseWithoutASampleIsInvalidButAnUnplannedOneIsNot() {
        RunResult noCooldown = run(load(10_000, 250_000, 0, 25_000, 0), summary(260, null, Phase.COOLDOWN));
        // loadWarmup is zero in this configuration, so no warmup sample is expected.
        RunResult noWarmup = run(load(10_000, 250_000, 0, 25_000, 0), summary(260, null, Phase.WARMUP));

        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, noCooldown, SPARE_CPU).reasons())
                .containsExactly("phase cooldown (5s) has no memory sample");
        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, noWarmup, SPARE_CPU).valid()).isTrue();
    }

    @Test
    void nmtAskedForButFailedIsInvalid() {
        RunResult run = run(load(10_000, 250_000, 0, 25_000, 0), summary(260, "NMT is not enabled"));

        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, run, SPARE_CPU).reasons())
                .containsExactly("Native Memory Tracking was asked for but failed: NMT is not enabled");
    }

    @Test
    void everyReasonIsListed() {
        RunResult run = run(load(100, 0, 0, 0, 0), summary(5_000, "boom", Phase.LOAD));

        assertThat(RunValidity.judge(config(0), ValidityRules.DEFAULT, run, new CpuUse(2, 1.9, 0)).reasons())
                .hasSize(6);
    }

    @Test
    void maxErrorRateMustBeAPercentageFromZeroToAHundred() {
        assertThat(ValidityRules.parse("0.5%")).isEqualTo(new ValidityRules(0.5));
        assertThatThrownBy(() -> ValidityRules.parse("1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxErrorRate is '1', which is not a percentage. Write a number and a percent sign, "
                        + "e.g. <maxErrorRate>1%</maxErrorRate>.");
        assertThatThrownBy(() -> ValidityRules.parse("150%"))
                .hasMessageContaining("maxErrorRate is 150.0%, but it must be between 0% and 100%")
                .hasMessageContaining("-Dallocbench.maxErrorRate");
    }
}
