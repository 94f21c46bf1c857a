package io.github.allocbench.result;

/**
 * One gate check of one allocator, as written into results.json, the report and summary.md.
 *
 * @param allocator      the allocator checked
 * @param metric         the metric's key, e.g. {@code peakRss}
 * @param rule           {@code maximum}, {@code minimum}, {@code maxIncrease}, or {@code maximumOf} and
 *                       {@code minimumOf} for a bound relative to another allocator of the same bench
 * @param actual         the allocator's median over its trials, in the metric's unit (KiB, req/s, ms, %)
 * @param limit          the bound the actual value was held to, in the same unit
 * @param baseline       the baseline's value for a {@code maxIncrease} rule, else {@code null}
 * @param passed         whether the check passed; a check past its warning level still passed
 * @param message        one sentence saying what was checked and how it came out
 * @param level          {@value #PASS}, {@value #WARN} (passed, but past the warning level) or {@value #FAIL};
 *                       files written before it was recorded read as {@value #PASS} or {@value #FAIL}
 * @param warnLimit      the warning level in the metric's unit, or {@code null} when the check has none
 * @param reference      for {@code maximumOf} and {@code minimumOf} the allocator the bound is relative to, else
 *                       {@code null}
 * @param referenceValue the reference allocator's median, or {@code null} as above
 */
public record CheckResult(String allocator, String metric, String rule, double actual, double limit, Double baseline,
                          boolean passed, String message, String level, Double warnLimit, String reference,
                          Double referenceValue) {

    /** {@link #level()} of a check within its warning level, or without one. */
    public static final String PASS = "pass";
    /** {@link #level()} of a check that passed but is past its warning level. */
    public static final String WARN = "warn";
    /** {@link #level()} of a check that failed. */
    public static final String FAIL = "fail";

    public CheckResult {
        if (!passed) {
            level = FAIL;
        } else if (!WARN.equals(level)) {
            level = PASS;
        }
    }

    /** A check without warning level or reference allocator. */
    public CheckResult(String allocator, String metric, String rule, double actual, double limit, Double baseline,
                       boolean passed, String message) {
        this(allocator, metric, rule, actual, limit, baseline, passed, message, null, null, null, null);
    }

    /** Whether the check passed but is past its warning level. */
    public boolean warned() {
        return WARN.equals(level);
    }
}
