package io.github.allocbench.bench;

import io.github.allocbench.memory.CpuTimes.CpuUse;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunCpus;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.Validity;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges whether a finished run measured the load it was asked for: every connection held, responses received,
 * few enough errors, an open loop's rate kept, a load generator with CPU to spare, server and generator on the CPUs
 * they were pinned to, and memory sampled through every phase. Each failed rule is one sentence with the figures, so
 * the report can say why a run does not count.
 *
 * <p>A closed loop sends as fast as it can and so keeps a machine that runs server and generator busy by design;
 * there only a generator that took nearly all processors itself is saturated (all of its own, when
 * {@code generatorCpus} pins it). An open loop is meant to run below the machine's capacity: a machine with almost no
 * idle time could not keep its schedule.
 */
public final class RunValidity {

    /** An open loop that achieved less than this share of its rate fell behind. */
    static final double MIN_RATE_SHARE = 0.95;
    /** A generator using at least this share of all processors was itself the bottleneck. */
    static final double SATURATED_SHARE = 0.90;
    /** An open loop on a machine idle less than this percent of the window was short of CPU. */
    static final double MIN_IDLE_PERCENT = 5.0;
    /** A gap between samples longer than this many intervals leaves the memory series blind. */
    static final int MAX_GAP_INTERVALS = 4;

    private RunValidity() {
    }

    /**
     * The verdict on {@code run}, benched under {@code config}.
     *
     * @param generatorCpu what the load generator and the machine used of the CPU over the measured window, or
     *                     {@code null} when it could not be read (then that rule is not applied)
     */
    public static Validity judge(BenchConfig config, ValidityRules rules, RunResult run, CpuUse generatorCpu) {
        List<String> reasons = new ArrayList<>();
        LoadResult load = run.load();
        if (load == null) {
            reasons.add("no load result was recorded");
        } else {
            judgeLoad(config, rules, run, load, reasons);
        }
        if (generatorCpu != null) {
            judgeCpu(config, generatorCpu, reasons);
        }
        RunCpus cpus = run.cpus() == null ? new RunCpus(null, null) : run.cpus();
        reasons.addAll(CpuPlacement.problems(config.serverCpus(), config.generatorCpus(), cpus.server(),
                cpus.generator()));
        judgeSampling(config, run.summary(), reasons);
        if (run.summary() != null && run.summary().nmtError() != null) {
            reasons.add("Native Memory Tracking was asked for but failed: " + run.summary().nmtError());
        }
        return Validity.of(reasons);
    }

    private static void judgeLoad(BenchConfig config, ValidityRules rules, RunResult run, LoadResult load,
                                  List<String> reasons) {
        if (load.connectionsOpened() < config.connections()) {
            reasons.add("held " + Units.count(load.connectionsOpened()) + " of " + Units.count(config.connections())
                    + " connections");
        }
        if (load.responses() == 0) {
            reasons.add("received no response in the measured window, so its latency and rate figures are empty");
            return;
        }
        Double errorRate = Metric.ERROR_RATE.of(run);
        if (errorRate != null && errorRate > rules.maxErrorRatePercent()) {
            reasons.add("error rate " + Units.smallPercent(errorRate) + " (" + Units.count(load.errors())
                    + " errors) is above maxErrorRate " + Units.smallPercent(rules.maxErrorRatePercent()));
        }
        if (config.rate() > 0 && load.requestsPerSecond() < MIN_RATE_SHARE * config.rate()) {
            reasons.add("achieved " + Units.rate(load.requestsPerSecond()) + " of the " + Units.rate(config.rate())
                    + " req/s asked for (" + Units.percent(100 * load.requestsPerSecond() / config.rate())
                    + ", below " + Units.percent(100 * MIN_RATE_SHARE) + "), so the open loop fell behind");
        }
    }

    private static void judgeCpu(BenchConfig config, CpuUse cpu, List<String> reasons) {
        String cores = String.format(Locale.ROOT, "%.2f", cpu.processCores());
        int own = config.generatorCpus() == null ? cpu.cpus() : config.generatorCpus().size();
        if (cpu.processCores() >= SATURATED_SHARE * own) {
            reasons.add("the load generator was CPU-saturated: it used " + cores + " of " + (own == cpu.cpus()
                    ? cpu.cpus() + " cores" : "the " + own + " core" + (own == 1 ? "" : "s") + " of generatorCpus "
                    + config.generatorCpus()) + " in the measured window, so it, not the server, set the pace");
        } else if (config.rate() > 0 && cpu.idlePercent() < MIN_IDLE_PERCENT) {
            reasons.add("the machine was CPU-saturated: idle " + Units.percent(cpu.idlePercent())
                    + " of the measured window while the load generator used " + cores + " of " + cpu.cpus()
                    + " cores, so the open loop could not hold its schedule");
        }
    }

    private static void judgeSampling(BenchConfig config, RunSummary summary, List<String> reasons) {
        if (summary == null) {
            return;
        }
        long interval = config.sampleInterval().toMillis();
        if (summary.longestSampleGapMs() > MAX_GAP_INTERVALS * interval) {
            reasons.add("memory was not sampled for " + HumanDuration.format(
                    Duration.ofMillis(summary.longestSampleGapMs())) + ", longer than " + MAX_GAP_INTERVALS
                    + " sample intervals (" + HumanDuration.format(config.sampleInterval().multipliedBy(
                    MAX_GAP_INTERVALS)) + ")");
        }
        for (Map.Entry<Phase, Duration> planned : plannedPhases(config).entrySet()) {
            // A phase shorter than two intervals may fall between two ticks; the gap rule covers it.
            boolean longEnough = planned.getValue().toMillis() >= 2 * interval;
            if (longEnough && !summary.phases().containsKey(planned.getKey().label())) {
                reasons.add("phase " + planned.getKey().label() + " (" + HumanDuration.format(planned.getValue())
                        + ") has no memory sample");
            }
        }
    }

    private static Map<Phase, Duration> plannedPhases(BenchConfig config) {
        Map<Phase, Duration> phases = new LinkedHashMap<>();
        phases.put(Phase.WARMUP, config.loadWarmup());
        phases.put(Phase.IDLE, config.idle());
        phases.put(Phase.RAMP, config.settle());
        phases.put(Phase.LOAD, config.duration());
        phases.put(Phase.COOLDOWN, config.cooldown());
        return phases;
    }
}
