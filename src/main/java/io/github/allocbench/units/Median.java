package io.github.allocbench.units;

import java.util.List;

/** The median of a list of counts or sizes. */
public final class Median {

    private Median() {
    }

    /** The median of {@code values}, which must not be empty: the middle value, or the mean of the two middle ones. */
    public static double of(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
