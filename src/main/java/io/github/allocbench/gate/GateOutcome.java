package io.github.allocbench.gate;

import io.github.allocbench.result.CheckResult;

import java.util.List;

/**
 * What the gate concluded about one bench: every check made, passing ones included, every check that could not be
 * judged because the runs it needed did not measure what they claim, and every reason why a check could not be made
 * or may mislead (an allocator skipped on this machine, a baseline recorded under other conditions). Warnings never
 * fail the build; they are logged so that no rule goes silently unchecked. A check that could not be judged is
 * neither passed nor failed: the measurement broke, not the code.
 *
 * @param checks    one verdict per rule, allocator and bound, in the order the rules were given
 * @param warnings  one line each, ready to log
 * @param unjudged  one sentence per allocator whose checks could not be judged, naming the checks and why
 */
public record GateOutcome(List<CheckResult> checks, List<String> warnings, List<String> unjudged) {

    public GateOutcome {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        unjudged = List.copyOf(unjudged);
    }

    /** An outcome in which every check could be judged. */
    public GateOutcome(List<CheckResult> checks, List<String> warnings) {
        this(checks, warnings, List.of());
    }

    /** The checks that failed. */
    public List<CheckResult> violations() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
