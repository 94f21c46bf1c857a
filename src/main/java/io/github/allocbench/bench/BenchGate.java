package io.github.allocbench.bench;

import io.github.allocbench.gate.Baseline;
import io.github.allocbench.gate.Gate;
import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.gate.GateRules;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.units.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gate's policy as one bench applies it: the rules are checked against the benched allocators and the baseline
 * is read before any server starts, so that a typo or a corrupt file costs no measurement; the finished result is
 * judged once, and every check and warning is logged as one sentence. Every skip says why.
 */
final class BenchGate {

    private final GateRules rules;
    private final Baseline baseline;
    private final boolean failOnViolation;

    private BenchGate(GateRules rules, Baseline baseline, boolean failOnViolation) {
        this.rules = rules;
        this.baseline = baseline;
        this.failOnViolation = failOnViolation;
    }

    /**
     * The gate of {@code config}, its baseline read when the file exists (compared with {@code maxIncrease}, or with
     * the default increases when that names no metric) unless the comparison is skipped.
     *
     * @throws ConfigurationException when a rule names an allocator that is not benched, or the baseline file cannot
     *                                be used (the message names the file and how to record it again)
     */
    static BenchGate prepare(BenchConfig config, BenchLog log) {
        GateRules rules = config.gateRules();
        rules.requireAllocators(config.allocators());
        Baseline baseline = readBaseline(rules, config.baseline(), config.skipBaseline(), log);
        return new BenchGate(rules, baseline, config.failOnViolation());
    }

    private static Baseline readBaseline(GateRules rules, Path file, boolean skip, BenchLog log) {
        if (file == null) {
            return null;
        }
        boolean configured = !rules.maxIncreases().isEmpty();
        if (skip) {
            if (configured || Files.exists(file)) {
                log.info("Not comparing with the baseline " + file + ": allocbench.baseline.skip is set.");
            }
            return null;
        }
        if (!Files.exists(file)) {
            if (configured) {
                log.warn("No baseline at " + file + "; record one with mvn allocator:baseline after a bench (e.g. "
                        + Baseline.RECORD_HINT + "). Until then the maxIncrease checks are not made.");
            }
            return null;
        }
        try {
            Baseline read = Baseline.read(file);
            log.info(configured
                    ? "Comparing with the baseline " + file + " (" + read.allocators().size() + " allocator(s))."
                    : "Read the baseline " + file + " (" + read.allocators().size() + " allocator(s)); <maxIncrease> "
                    + "names no metric, so the default amounts apply, sized by the trials' noise when the bench "
                    + "ends.");
            return read;
        } catch (IOException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** The outcome of the rules on {@code result}, or {@code null} without rules and baseline. */
    GateOutcome judge(BenchResult result) {
        return rules.isEmpty() && baseline == null ? null : Gate.evaluate(result, baseline, rules);
    }

    /** Logs every warning and check of {@code outcome}, a failed check as an error when it fails the build. */
    void log(GateOutcome outcome, BenchLog log) {
        if (outcome == null) {
            return;
        }
        outcome.notes().forEach(log::info);
        outcome.warnings().forEach(log::warn);
        for (CheckResult c : outcome.checks()) {
            if (c.warned()) {
                log.warn(c.message());
            } else if (c.passed()) {
                log.info(c.message());
            } else if (failOnViolation) {
                log.error(c.message());
            } else {
                log.warn(c.message());
            }
        }
    }
}
