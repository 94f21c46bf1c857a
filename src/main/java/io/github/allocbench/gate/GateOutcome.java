package io.github.allocbench.gate;

import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.UnjudgedCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gate concluded about one bench: every check made, passing ones included, every check that could not be
 * judged because the runs it needed did not measure what they claim, and every reason why a check could not be made
 * or may mislead (an allocator skipped on this machine, a baseline recorded under other conditions). Warnings never
 * fail the build; they are logged so that no rule goes silently unchecked. A check that could not be judged is
 * neither passed nor failed: the measurement broke, not the code.
 *
 * @param checks    one verdict per rule, allocator and bound, in the order the rules were given
 * @param warnings  one line each, ready to log
 * @param unjudged  the checks that could not be judged, each with the invalid runs that stopped it
 * @param notes     what the gate chose on its own and the user should know, e.g. the default maximum increases it
 *                  compared the baseline with; one line each, ready to log
 */
public record GateOutcome(List<CheckResult> checks, List<String> warnings, List<UnjudgedCheck> unjudged,
                          List<String> notes) {

    public GateOutcome {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        unjudged = List.copyOf(unjudged);
        notes = List.copyOf(notes);
    }

    /** An outcome without notes. */
    public GateOutcome(List<CheckResult> checks, List<String> warnings, List<UnjudgedCheck> unjudged) {
        this(checks, warnings, unjudged, List.of());
    }

    /** An outcome in which every check could be judged. */
    public GateOutcome(List<CheckResult> checks, List<String> warnings) {
        this(checks, warnings, List.of());
    }

    /**
     * One sentence per allocator and cause of checks that could not be judged, naming the checks and why, e.g.
     * "jemalloc: 2 check(s) could not be judged (p99Latency maximum, errorRate maximum) because trial 1 is invalid:
     * …".
     */
    public List<String> unjudgedSentences() {
        Map<List<String>, List<UnjudgedCheck>> byCause = new LinkedHashMap<>();
        unjudged.forEach(u -> byCause.computeIfAbsent(List.of(u.allocator(), String.join("; ", u.reasons())),
                cause -> new ArrayList<>()).add(u));
        List<String> sentences = new ArrayList<>();
        byCause.forEach((cause, checks) -> sentences.add(cause.get(0) + ": " + checks.size()
                + " check(s) could not be judged (" + String.join(", ", checks.stream().map(UnjudgedCheck::name)
                .toList()) + ") because " + cause.get(1) + "."));
        return sentences;
    }

    /** The checks that passed but are past their warning level. */
    public List<CheckResult> warned() {
        return checks.stream().filter(CheckResult::warned).toList();
    }

    /** The checks that failed. */
    public List<CheckResult> violations() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
