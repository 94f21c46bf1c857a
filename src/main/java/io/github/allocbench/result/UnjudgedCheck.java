package io.github.allocbench.result;

import java.util.List;

/**
 * One gate check that was neither passed nor failed, because a run it needed did not measure what it claims. It is
 * written into results.json, the report and summary.md beside the judged checks, so that a reader of any of them sees
 * that the rule was not applied and why.
 *
 * @param allocator the allocator the check was meant for
 * @param metric    the metric's key, e.g. {@code errorRate}
 * @param rule      {@code maximum}, {@code minimum} or {@code maxIncrease}
 * @param reasons   one sentence per invalid run, naming its trial and what it did not measure
 */
public record UnjudgedCheck(String allocator, String metric, String rule, List<String> reasons) {

    public UnjudgedCheck {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The check as the warnings name it, e.g. {@code errorRate maximum}. */
    public String name() {
        return metric + " " + rule;
    }
}
