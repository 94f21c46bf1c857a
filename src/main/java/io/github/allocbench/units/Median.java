package io.github.allocbench.units;

import java.util.List;

/** The median of a list of counts, sizes or figures. */
public final class Median {

    private Median() {
    }

    /** The median of {@code values}, which must not be empty: the middle value, or the mean of the two middle ones. */
    public static double of(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
