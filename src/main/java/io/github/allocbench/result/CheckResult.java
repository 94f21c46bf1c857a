package io.github.allocbench.result;

/**
 * One gate check of one allocator, as written into results.json, the report and summary.md.
 *
 * @param allocator the allocator checked
 * @param metric    the metric's key, e.g. {@code peakRss}
 * @param rule      {@code maximum}, {@code minimum} or {@code maxIncrease}
 * @param actual    the allocator's median over its trials, in the metric's unit (KiB, req/s, ms, %)
 * @param limit     the bound the actual value was held to, in the same unit
 * @param baseline  the baseline's value for a {@code maxIncrease} rule, else {@code null}
 * @param passed    whether the check passed
 * @param message   one sentence saying what was checked and how it came out
 */
public record CheckResult(String allocator, String metric, String rule, double actual, double limit, Double baseline,
                          boolean passed, String message) {
}
