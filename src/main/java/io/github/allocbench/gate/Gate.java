package io.github.allocbench.gate;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.result.WindowRise;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a finished bench to its rules: each allocator's median over its trials against the limits (fixed, or a
 * percentage of another allocator's median), and against the baseline's median for the {@code maxIncrease} rules, or
 * for {@link DefaultIncreases} when none is configured. Every check yields one exact sentence, whether it passed or
 * not ("jemalloc peakRss is 1.91 GiB, but expected maximum is 1.80 GiB"), naming its amount and, past a warning
 * level, that level; a rule that cannot be checked yields a warning saying why, never a silent pass. A run that did
 * not measure what it claims stops the checks it would decide: every check of an invalid run's allocator, and the
 * throughput and latency checks ({@link Metric#paceDependent()}) of an allocator or reference whose measured window
 * opened before the load had settled ({@link WindowRise}).
 */
public final class Gate {

    /** {@link CheckResult#rule()} of a maximum. */
    public static final String MAXIMUM = "maximum";
    /** {@link CheckResult#rule()} of a minimum. */
    public static final String MINIMUM = "minimum";
    /** {@link CheckResult#rule()} of a maximum relative to another allocator's median. */
    public static final String MAXIMUM_OF = "maximumOf";
    /** {@link CheckResult#rule()} of a minimum relative to another allocator's median. */
    public static final String MINIMUM_OF = "minimumOf";
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
        List<String> notes = new ArrayList<>();
        List<UnjudgedCheck> unjudged = new ArrayList<>();
        List<MaxIncrease> increases = rules.withWarnings(rules.maxIncreases());
        if (baseline != null && increases.isEmpty()) {
            DefaultIncreases.Sized defaults = DefaultIncreases.size(List.copyOf(stats.values()),
                    baseline.allocators());
            increases = rules.withWarnings(defaults.increases());
            notes.add(defaults.sentence(baseline.file(), increases));
        }
        boolean compare = baseline != null && !increases.isEmpty();
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
                unjudged.addAll(unjudgedOn(allocator, rules, compare ? increases : List.of(), invalid));
                continue;
            }
            List<String> unchecked = new ArrayList<>();
            List<String> climbing = climbingRuns(current, allocator);
            for (Limit limit : rules.limits()) {
                if (!limit.appliesTo(allocator)) {
                    continue;
                }
                if (limit.metric().paceDependent() && !climbing.isEmpty()) {
                    unjudged.addAll(unjudgedOn(allocator, limit, climbing));
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
                if (limit.relative()) {
                    AllocatorStats reference = stats.get(RunResult.sibling(allocator, limit.of()));
                    checkRelative(current, allocator, spread.median(), limit, reference, checks, warnings, unjudged);
                    continue;
                }
                if (limit.maximum() != null) {
                    checks.add(bound(allocator, limit.metric(), spread.median(), limit.maximum(),
                            limit.warnMaximum(), true));
                }
                if (limit.minimum() != null) {
                    checks.add(bound(allocator, limit.metric(), spread.median(), limit.minimum(),
                            limit.warnMinimum(), false));
                }
            }
            if (compare) {
                List<String> unsettled = new ArrayList<>(climbing);
                baseline.climbing(allocator).forEach(trial -> unsettled.add("the baseline's " + trial
                        + ", so its throughput and latency describe a start-up transient: record a new one with a "
                        + "longer settle (" + Baseline.RECORD_HINT + ")"));
                for (MaxIncrease increase : increases) {
                    if (increase.metric().paceDependent() && !unsettled.isEmpty()) {
                        unjudged.add(new UnjudgedCheck(allocator, increase.metric().key(), MAX_INCREASE, unsettled));
                        continue;
                    }
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
        return new GateOutcome(checks, warnings, unjudged, notes);
    }

    /**
     * The bounds of {@code limit} on {@code allocator}'s median {@code actual} as percentages of the reference's
     * median; not judged when the reference's runs failed or were invalid, for then there is nothing sound to take a
     * percentage of, and not checked (a warning) when the reference was skipped on this machine.
     */
    private static void checkRelative(BenchResult result, String allocator, double actual, Limit limit,
                                      AllocatorStats reference, List<CheckResult> checks, List<String> warnings,
                                      List<UnjudgedCheck> unjudged) {
        String of = RunResult.sibling(allocator, limit.of());
        List<String> invalid = new ArrayList<>(invalidRuns(result, of));
        if (limit.metric().paceDependent()) {
            invalid.addAll(climbingRuns(result, of));
        }
        boolean failed = result.runs().stream()
                .anyMatch(r -> r.variant().equals(of) && r.status() == RunStatus.FAILED);
        boolean measured = reference != null && reference.okRuns() > 0;
        if (!invalid.isEmpty() || (failed && !measured)) {
            List<String> reasons = invalid.isEmpty()
                    ? List.of("the reference " + of + " has no ok run (" + whyNot(result, of) + ")")
                    : invalid.stream().map(r -> "the reference " + of + "'s " + r).toList();
            unjudged.addAll(unjudgedOn(allocator, limit, reasons));
            return;
        }
        if (!measured) {
            warnings.add(allocator + " " + limit.metric() + " was not held to its limit relative to " + of + ": "
                    + of + " has no ok run in this bench (" + whyNot(result, of) + ").");
            return;
        }
        AllocatorStats.Spread spread = reference.metrics().get(limit.metric());
        if (spread == null) {
            warnings.add(notMeasured(result, of, limit.metric(), "relative limit"));
            return;
        }
        if (limit.maximum() != null) {
            checks.add(relativeBound(allocator, limit, actual, spread.median(), limit.maximum(),
                    limit.warnMaximum(), true));
        }
        if (limit.minimum() != null) {
            checks.add(relativeBound(allocator, limit, actual, spread.median(), limit.minimum(),
                    limit.warnMinimum(), false));
        }
    }

    /**
     * E.g. "jemalloc peakNativeRss is 190 MiB, 103.3% of system's 184 MiB, but expected maximum is 90% of system
     * (166 MiB)."
     */
    private static CheckResult relativeBound(String allocator, Limit limit, double actual, double reference,
                                             double percent, Double warnPercent, boolean maximum) {
        Metric metric = limit.metric();
        double bound = reference * percent / 100;
        Double warnBound = warnPercent == null ? null : reference * warnPercent / 100;
        boolean passed = maximum ? actual <= bound : actual >= bound;
        boolean warned = passed && warnBound != null && (maximum ? actual > warnBound : actual < warnBound);
        String of = RunResult.sibling(allocator, limit.of());
        String is = allocator + " " + metric + " is " + MetricValue.format(metric, actual) + ", "
                + (reference == 0 ? "against " : Units.percent(100 * actual / reference) + " of ") + of + "'s "
                + MetricValue.format(metric, reference);
        String expected = Limit.percent(percent) + " of " + of + " (" + MetricValue.format(metric, bound) + ")";
        String rule = maximum ? MAXIMUM : MINIMUM;
        String message;
        if (!passed) {
            message = is + ", but expected " + rule + " is " + expected + ".";
        } else {
            message = is + (maximum ? ", within the maximum of " : ", meeting the minimum of ") + expected
                    + (warned ? " but past the warning level of " + Limit.percent(warnPercent) + " ("
                    + MetricValue.format(metric, warnBound) + ")" : "") + ".";
        }
        return new CheckResult(allocator, metric.key(), maximum ? MAXIMUM_OF : MINIMUM_OF, actual, bound, null,
                passed, message, warned ? CheckResult.WARN : null, warnBound, of, reference);
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

    /**
     * Each valid, completed run of {@code allocator} whose measured window opened before the load had settled, with
     * its figures and the longer settle it needs.
     */
    private static List<String> climbingRuns(BenchResult result, String allocator) {
        return WindowRise.climbingTrials(result.runs(), allocator).stream().map(trial -> trial + ", so its "
                + "throughput and latency describe a start-up transient: " + WindowRise.advice(
                result.config().settleMs())).toList();
    }

    /** Each bound the rules put on {@code allocator}, as a check that the {@code invalid} runs stopped. */
    private static List<UnjudgedCheck> unjudgedOn(String allocator, GateRules rules, List<MaxIncrease> increases,
                                                  List<String> invalid) {
        List<UnjudgedCheck> named = new ArrayList<>();
        for (Limit limit : rules.limits()) {
            if (limit.appliesTo(allocator)) {
                named.addAll(unjudgedOn(allocator, limit, invalid));
            }
        }
        increases.forEach(increase -> named.add(new UnjudgedCheck(allocator, increase.metric().key(), MAX_INCREASE,
                invalid)));
        return named;
    }

    /** The bounds of {@code limit} on {@code allocator}, as checks that the {@code reasons} stopped. */
    private static List<UnjudgedCheck> unjudgedOn(String allocator, Limit limit, List<String> reasons) {
        List<UnjudgedCheck> named = new ArrayList<>();
        if (limit.maximum() != null) {
            named.add(new UnjudgedCheck(allocator, limit.metric().key(), limit.relative() ? MAXIMUM_OF : MAXIMUM,
                    reasons));
        }
        if (limit.minimum() != null) {
            named.add(new UnjudgedCheck(allocator, limit.metric().key(), limit.relative() ? MINIMUM_OF : MINIMUM,
                    reasons));
        }
        return named;
    }

    private static CheckResult bound(String allocator, Metric metric, double actual, double bound, Double warning,
                                     boolean maximum) {
        boolean passed = maximum ? actual <= bound : actual >= bound;
        boolean warned = passed && warning != null && (maximum ? actual > warning : actual < warning);
        String is = allocator + " " + metric + " is " + MetricValue.format(metric, actual);
        String limit = MetricValue.format(metric, bound);
        String rule = maximum ? MAXIMUM : MINIMUM;
        String message = passed
                ? is + (maximum ? ", within the maximum of " : ", meeting the minimum of ") + limit
                + (warned ? " but past the warning level of " + MetricValue.format(metric, warning) : "") + "."
                : is + ", but expected " + rule + " is " + limit + ".";
        return new CheckResult(allocator, metric.key(), rule, actual, bound, null, passed, message,
                warned ? CheckResult.WARN : null, warning, null, null);
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
        boolean passed = worsening <= allowed(increase, increase.amount(), reference);
        Double warnAmount = increase.warnAmount();
        boolean warned = passed && warnAmount != null && worsening > allowed(increase, warnAmount, reference);
        Double warnBound = warnAmount == null ? null : increase.relative()
                ? reference * (1 + sign * warnAmount / 100)
                : reference + sign * warnAmount;
        String direction = metric.higherIsBetter() ? "decrease" : "increase";
        String message = allocator + " " + metric + " is " + MetricValue.format(metric, actual) + ": it "
                + change(metric, actual, reference, increase.relative()) + " the baseline's "
                + MetricValue.format(metric, reference)
                + (passed ? ", within the maximum " + direction + " of " + increase.describe()
                + (warned ? " but past the warning level of " + increase.describeWarning() : "") + "."
                : ", but the maximum " + direction + " is " + increase.describe() + ".");
        checks.add(new CheckResult(allocator, metric.key(), MAX_INCREASE, actual, bound, reference, passed, message,
                warned ? CheckResult.WARN : null, warnBound, null, null));
    }

    /** The largest worsening {@code amount} of {@code increase} allows over {@code reference}. */
    private static double allowed(MaxIncrease increase, double amount, double reference) {
        return increase.relative() ? Math.abs(reference) * amount / 100 : amount;
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
