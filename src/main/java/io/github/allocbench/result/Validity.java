package io.github.allocbench.result;

import java.util.List;

/**
 * Whether a run measured what it claims: the load it was asked for, held for the whole window, with memory sampled
 * throughout. An invalid run is kept in the results with its reasons, one sentence each with the figures, but it never
 * ranks, passes or fails a check, and never becomes a baseline.
 *
 * @param valid   whether the run may be ranked and judged
 * @param reasons why not, e.g. {@code held 6,412 of 10,000 connections}; empty when valid
 */
public record Validity(boolean valid, List<String> reasons) {

    /** A run with nothing against it. */
    public static final Validity VALID = new Validity(true, List.of());

    public Validity {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Valid when there are no reasons against the run, else invalid with them. */
    public static Validity of(List<String> reasons) {
        return reasons.isEmpty() ? VALID : new Validity(false, reasons);
    }
}
