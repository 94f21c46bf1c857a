package io.github.allocbench.gate;

import io.github.allocbench.result.CheckResult;

import java.util.List;

/**
 * What the gate concluded about one bench: every check made, passing ones included, and every reason why a check
 * could not be made or may mislead (an allocator skipped on this machine, a baseline recorded under other
 * conditions). Warnings never fail the build; they are logged so that no rule goes silently unchecked.
 *
 * @param checks   one verdict per rule, allocator and bound, in the order the rules were given
 * @param warnings one line each, ready to log
 */
public record GateOutcome(List<CheckResult> checks, List<String> warnings) {

    public GateOutcome {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /** The checks that failed. */
    public List<CheckResult> violations() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
