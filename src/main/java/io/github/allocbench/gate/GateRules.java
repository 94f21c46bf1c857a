package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.units.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the gate holds a bench to: limits and the largest worsening allowed against a baseline, with the warning
 * levels below it. Rules are data, so the mojo, tests and any other front end build them the same way. Without any
 * {@code maxIncrease}, a baseline is compared with {@link DefaultIncreases}.
 *
 * @param limits        bounds on the medians of this bench
 * @param maxIncreases  bounds on the change of medians against the baseline, checked only when there is one; empty
 *                      for the defaults
 * @param warnIncreases warning levels of the {@code maxIncreases} (or of the defaults), one per metric at most
 */
public record GateRules(List<Limit> limits, List<MaxIncrease> maxIncreases, List<MaxIncrease> warnIncreases) {

    /** No rule at all: the gate checks nothing but a baseline, with the defaults. */
    public static final GateRules NONE = new GateRules(List.of(), List.of());

    public GateRules {
        limits = List.copyOf(limits);
        maxIncreases = List.copyOf(maxIncreases);
        warnIncreases = List.copyOf(warnIncreases);
        List<MaxIncrease> bounded = maxIncreases.isEmpty() ? DefaultIncreases.unsized() : maxIncreases;
        Map<Metric, MaxIncrease> byMetric = bounded.stream()
                .collect(Collectors.toMap(MaxIncrease::metric, Function.identity()));
        for (MaxIncrease warn : warnIncreases) {
            MaxIncrease bound = byMetric.get(warn.metric());
            if (bound == null) {
                throw new ConfigurationException("warnIncrease names " + warn.metric() + ", which "
                        + (maxIncreases.isEmpty() ? "the default maxIncrease does not compare ("
                        + names(bounded) + ")" : "maxIncrease does not name (" + names(bounded) + ")")
                        + ". Add a maxIncrease for " + warn.metric() + " above the warning level, or drop it.");
            }
            bound.warnAt(warn);
        }
    }

    /** Limits and maximum increases without warning levels. */
    public GateRules(List<Limit> limits, List<MaxIncrease> maxIncreases) {
        this(limits, maxIncreases, List.of());
    }

    /** Whether there is no limit and no maximum increase configured. */
    public boolean isEmpty() {
        return limits.isEmpty() && maxIncreases.isEmpty();
    }

    /** {@code increases} with the warning levels of {@link #warnIncreases} in place of their own. */
    List<MaxIncrease> withWarnings(List<MaxIncrease> increases) {
        List<MaxIncrease> warned = new ArrayList<>();
        for (MaxIncrease increase : increases) {
            warned.add(warnIncreases.stream().filter(w -> w.metric() == increase.metric()).findFirst()
                    .map(increase::warnAt).orElse(increase));
        }
        return warned;
    }

    /**
     * Refuses limits that name an allocator the bench does not run, in {@code <allocator>} or {@code <of>}: such a
     * limit could never be checked, and is most likely a typo.
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
            if (limit.of() != null && !benched.contains(limit.of())) {
                throw new ConfigurationException("the limit on " + limit.allocator() + " " + limit.metric()
                        + " is relative to <of>" + limit.of() + "</of>, which this bench does not run. Use one of "
                        + String.join(", ", benched) + ".");
            }
        }
    }

    private static String names(List<MaxIncrease> increases) {
        return increases.stream().map(i -> i.metric().key()).collect(Collectors.joining(", "));
    }
}
