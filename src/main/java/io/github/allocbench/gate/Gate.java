package io.github.allocbench.gate;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a finished bench to its rules: each allocator's median over its trials against the fixed limits, and against
 * the baseline's median for the {@code maxIncrease} rules. Every check yields one exact sentence, whether it passed
 * or not ("jemalloc peakRss is 1.91 GiB, but expected maximum is 1.80 GiB"); a rule that cannot be checked yields a
 * warning saying why, never a silent pass.
 */
public final class Gate {

    /** {@link CheckResult#rule()} of a maximum. */
    public static final String MAXIMUM = "maximum";
    /** {@link CheckResult#rule()} of a minimum. */
    public static final String MINIMUM = "minimum";
    /** {@link CheckResult#rule()} of a comparison with the baseline. */
    public static final String MAX_INCREASE = "maxIncrease";

    private Gate() {
    }

    /**
     * Checks {@code current} against {@code rules}.
     *
     * @param baseline the bench to compare with, or {@code null} for none: then the {@code maxIncrease} rules are
     *                 not checked
     * @throws IllegalArgumentException when a limit names an allocator the bench did not run
     */
    public static GateOutcome evaluate(BenchResult current, Baseline baseline, GateRules rules) {
        rules.requireAllocators(current.config().allocators());
        List<String> benched = current.config().variants();
        Map<String, AllocatorStats> stats = new LinkedHashMap<>();
        for (AllocatorStats s : AllocatorStats.of(current)) {
            stats.put(s.allocator(), s);
        }
        List<CheckResult> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<UnjudgedCheck> unjudged = new ArrayList<>();
        boolean compare = baseline != null && !rules.maxIncreases().isEmpty();
        if (compare) {
            List<String> differences = baseline.differencesFrom(current);
            if (!differences.isEmpty()) {
                warnings.add("The baseline " + baseline.file() + " was recorded under other conditions, so its "
                        + "maxIncrease checks may compare unlike runs. If the change is intended, record a new one "
                        + "with " + Baseline.RECORD_HINT + ". Differences:");
                differences.forEach(d -> warnings.add("  " + d));
            }
        }
        for (String allocator : benched) {
            AllocatorStats s = stats.get(allocator);
            boolean measured = s != null && s.okRuns() > 0;
            List<String> invalid = invalidRuns(current, allocator);
            if (!invalid.isEmpty()) {
                unjudged.addAll(unjudgedOn(allocator, rules, compare, invalid));
                continue;
            }
            List<String> unchecked = new ArrayList<>();
            for (Limit limit : rules.limits()) {
                if (!limit.appliesTo(allocator)) {
                    continue;
                }
                if (!measured) {
                    unchecked.add(limit.metric() + " limit");
                    continue;
                }
                AllocatorStats.Spread spread = s.metrics().get(limit.metric());
                if (spread == null) {
                    warnings.add(notMeasured(current, allocator, limit.metric(), "limit"));
                    continue;
                }
                if (limit.maximum() != null) {
                    checks.add(bound(allocator, limit.metric(), spread.median(), limit.maximum(), true));
                }
                if (limit.minimum() != null) {
                    checks.add(bound(allocator, limit.metric(), spread.median(), limit.minimum(), false));
                }
            }
            if (compare) {
                for (MaxIncrease increase : rules.maxIncreases()) {
                    if (!measured) {
                        unchecked.add(increase.metric() + " maxIncrease");
                        continue;
                    }
                    compareWithBaseline(current, allocator, s, baseline, increase, checks, warnings);
                }
            }
            if (!unchecked.isEmpty()) {
                warnings.add(allocator + " has no ok run in this bench (" + whyNot(current, allocator) + "), so "
                        + unchecked.size() + " check(s) were not made: " + String.join(", ", unchecked) + ".");
            }
        }
        return new GateOutcome(checks, warnings, unjudged);
    }

    /** Each completed run of {@code allocator} that was judged invalid, with its reasons. */
    private static List<String> invalidRuns(BenchResult result, String allocator) {
        List<String> invalid = new ArrayList<>();
        for (RunResult run : result.runs()) {
            if (run.variant().equals(allocator) && run.status() == RunStatus.OK && run.validity() != null
                    && !run.validity().valid()) {
                invalid.add("trial " + run.trial() + " is invalid: " + String.join("; ", run.validity().reasons()));
            }
        }
        return invalid;
    }

    /** Each bound the rules put on {@code allocator}, as a check that the {@code invalid} runs stopped. */
    private static List<UnjudgedCheck> unjudgedOn(String allocator, GateRules rules, boolean compare,
                                                  List<String> invalid) {
        List<UnjudgedCheck> named = new ArrayList<>();
        for (Limit limit : rules.limits()) {
            if (!limit.appliesTo(allocator)) {
                continue;
            }
            if (limit.maximum() != null) {
                named.add(new UnjudgedCheck(allocator, limit.metric().key(), MAXIMUM, invalid));
            }
            if (limit.minimum() != null) {
                named.add(new UnjudgedCheck(allocator, limit.metric().key(), MINIMUM, invalid));
            }
        }
        if (compare) {
            rules.maxIncreases().forEach(increase -> named.add(new UnjudgedCheck(allocator,
                    increase.metric().key(), MAX_INCREASE, invalid)));
        }
        return named;
    }

    private static CheckResult bound(String allocator, Metric metric, double actual, double bound, boolean maximum) {
        boolean passed = maximum ? actual <= bound : actual >= bound;
        String is = allocator + " " + metric + " is " + MetricValue.format(metric, actual);
        String limit = MetricValue.format(metric, bound);
        String rule = maximum ? MAXIMUM : MINIMUM;
        String message = passed
                ? is + (maximum ? ", within the maximum of " : ", meeting the minimum of ") + limit + "."
                : is + ", but expected " + rule + " is " + limit + ".";
        return new CheckResult(allocator, metric.key(), rule, actual, bound, null, passed, message);
    }

    private static void compareWithBaseline(BenchResult result, String allocator, AllocatorStats current,
                                            Baseline baseline, MaxIncrease increase, List<CheckResult> checks,
                                            List<String> warnings) {
        Metric metric = increase.metric();
        AllocatorStats recorded = baseline.allocator(allocator).orElse(null);
        if (recorded == null || recorded.okRuns() == 0) {
            warnings.add(allocator + " " + metric + " was not compared with the baseline: " + baseline.file()
                    + " has no ok run of " + allocator + ". Record a new baseline with " + Baseline.RECORD_HINT
                    + ".");
            return;
        }
        AllocatorStats.Spread now = current.metrics().get(metric);
        AllocatorStats.Spread then = recorded.metrics().get(metric);
        if (now == null) {
            warnings.add(notMeasured(result, allocator, metric, "maxIncrease"));
            return;
        }
        if (then == null) {
            warnings.add(allocator + " " + metric + " was not compared with the baseline: " + baseline.file()
                    + " did not measure it. Record a new baseline with " + Baseline.RECORD_HINT + ".");
            return;
        }
        double actual = now.median();
        double reference = then.median();
        // Worsening is growth for memory, latency and errors, and a drop for throughput.
        double sign = metric.higherIsBetter() ? -1 : 1;
        double bound = increase.relative()
                ? reference * (1 + sign * increase.amount() / 100)
                : reference + sign * increase.amount();
        double worsening = sign * (actual - reference);
        boolean passed = worsening <= (increase.relative() ? Math.abs(reference) * increase.amount() / 100
                : increase.amount());
        String direction = metric.higherIsBetter() ? "decrease" : "increase";
        String message = allocator + " " + metric + " is " + MetricValue.format(metric, actual) + ": it "
                + change(metric, actual, reference, increase.relative()) + " the baseline's "
                + MetricValue.format(metric, reference)
                + (passed ? ", within the maximum " + direction + " of " + increase.describe() + "."
                : ", but the maximum " + direction + " is " + increase.describe() + ".");
        checks.add(new CheckResult(allocator, metric.key(), MAX_INCREASE, actual, bound, reference, passed, message));
    }

    /** How {@code actual} moved from {@code reference}: {@code increased 12.3% over}, {@code decreased 40 MiB from}. */
    private static String change(Metric metric, double actual, double reference, boolean relative) {
        if (actual == reference) {
            return "is unchanged from";
        }
        String verb = actual > reference ? "increased " : "decreased ";
        String preposition = actual > reference ? " over" : " from";
        String amount;
        if (relative && reference != 0) {
            amount = Units.percent(Math.abs(100 * (actual - reference) / reference));
        } else {
            amount = MetricValue.format(metric, Math.abs(actual - reference));
        }
        return verb + amount + preposition;
    }

    /**
     * Why a metric is missing, with the fix; for {@code outsideNmt} the advice depends on whether NMT was on and
     * failed.
     */
    private static String notMeasured(BenchResult result, String allocator, Metric metric, String rule) {
        String hint = "";
        if (metric == Metric.OUTSIDE_NMT) {
            String nmtError = nmtError(result, allocator);
            hint = nmtError == null
                    ? " Add -XX:NativeMemoryTracking=summary to <jvmArgs> to measure it."
                    : " Native Memory Tracking was on but failed: " + nmtError
                    + ". Look for the cause in the run's log under logs/.";
        }
        return allocator + " " + metric + " was not measured in this bench, so its " + rule + " was not checked."
                + hint;
    }

    private static String nmtError(BenchResult result, String allocator) {
        for (RunResult run : result.runs()) {
            if (run.variant().equals(allocator) && run.summary() != null && run.summary().nmtError() != null) {
                return run.summary().nmtError();
            }
        }
        return null;
    }

    private static String whyNot(BenchResult result, String allocator) {
        for (RunResult run : result.runs()) {
            if (run.variant().equals(allocator)) {
                return run.status().label() + (run.failure() == null ? "" : ": " + run.failure());
            }
        }
        return "it did not run";
    }
}
