package io.github.allocbench.gate;

import io.github.allocbench.units.ConfigurationException;

import java.util.List;

/**
 * Everything the gate holds a bench to: fixed limits and the largest worsening allowed against a baseline. Rules are
 * data, so the mojo, tests and any other front end build them the same way.
 *
 * @param limits       bounds on the medians of this bench
 * @param maxIncreases bounds on the change of medians against the baseline, checked only when there is one
 */
public record GateRules(List<Limit> limits, List<MaxIncrease> maxIncreases) {

    /** No rule at all: the gate checks nothing. */
    public static final GateRules NONE = new GateRules(List.of(), List.of());

    public GateRules {
        limits = List.copyOf(limits);
        maxIncreases = List.copyOf(maxIncreases);
    }

    /** Whether there is nothing to check. */
    public boolean isEmpty() {
        return limits.isEmpty() && maxIncreases.isEmpty();
    }

    /**
     * Refuses limits that name an allocator the bench does not run: such a limit could never be checked, and is
     * most likely a typo.
     *
     * @throws IllegalArgumentException naming the limit, the allocator and the allocators that are benched
     */
    public void requireAllocators(List<String> benched) {
        for (Limit limit : limits) {
            if (!limit.allocator().equals(Limit.EVERY_ALLOCATOR) && !benched.contains(limit.allocator())) {
                throw new ConfigurationException("the limit on " + limit.allocator() + " " + limit.metric()
                        + " names allocator '" + limit.allocator() + "', which this bench does not run. Use one of "
                        + String.join(", ", benched) + ", or leave <allocator> out (or write *) for every allocator.");
            }
        }
    }
}
