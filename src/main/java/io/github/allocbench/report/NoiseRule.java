package io.github.allocbench.report;

import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.Metric;

/**
 * Whether the difference between two allocators' medians of one metric is real, by one stated rule: a difference
 * smaller than the floor ({@link #floor}) is "about the same", whatever the trials say; otherwise, with at least two
 * trials each, it is called only when the two min–max ranges over the trials do not overlap; with fewer trials it
 * cannot be called at all, since one trial shows no run-to-run noise to compare it with.
 */
final class NoiseRule {

    /** The fewest trials per allocator for which a difference can be called. */
    static final int MIN_TRIALS = 2;
    /** The trials to suggest: two already apply the rule, a third makes a min–max range meaningful. */
    static final int SUGGESTED_TRIALS = 3;
    /** The smallest size difference that is more than rounding: 1 MiB. */
    static final double SIZE_FLOOR_KIB = 1024;
    /** The smallest difference, as a share of the reference, that is worth a sentence. */
    static final double RELATIVE_FLOOR = 0.01;

    /** What the rule says about {@code a} against {@code b}. */
    enum Call {
        /** a is better beyond the noise. */
        BETTER,
        /** a is worse beyond the noise. */
        WORSE,
        /** The difference is below the floor. */
        ABOUT_THE_SAME,
        /** The trial ranges overlap. */
        INSIDE_NOISE,
        /** Too few trials to tell the difference from noise. */
        UNSETTLED
    }

    private NoiseRule() {
    }

    /** The call on {@code a} against {@code b} for {@code metric}; both must have measured it. */
    static Call call(Metric metric, AllocatorStats a, AllocatorStats b) {
        AllocatorStats.Spread sa = a.metrics().get(metric);
        AllocatorStats.Spread sb = b.metrics().get(metric);
        double delta = sa.median() - sb.median();
        if (Math.abs(delta) < floor(metric, sb.median())) {
            return Call.ABOUT_THE_SAME;
        }
        if (a.okRuns() < MIN_TRIALS || b.okRuns() < MIN_TRIALS) {
            return Call.UNSETTLED;
        }
        if (sa.min() <= sb.max() && sb.min() <= sa.max()) {
            return Call.INSIDE_NOISE;
        }
        boolean higher = delta > 0;
        return higher == metric.higherIsBetter() ? Call.BETTER : Call.WORSE;
    }

    /**
     * The smallest difference of {@code metric} from {@code reference} that is not "about the same": 1 % of the
     * reference, and for sizes at least 1 MiB, so that figures near zero (retained memory) never yield percentages.
     */
    static double floor(Metric metric, double reference) {
        double relative = RELATIVE_FLOOR * Math.abs(reference);
        return metric.unit() == Metric.Unit.KIB ? Math.max(SIZE_FLOOR_KIB, relative) : relative;
    }

    /** The rule in one sentence, for the reader. */
    static String statement() {
        return "A difference is called only when it is at least 1 % (and, for memory, 1 MiB) and, over at least "
                + MIN_TRIALS + " trials each, the two allocators' min–max ranges do not overlap.";
    }
}
