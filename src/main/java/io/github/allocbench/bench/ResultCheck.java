package io.github.allocbench.bench;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;

import java.util.List;

/**
 * Judges a finished bench before its results and report are written for the last time, so that the verdicts land in
 * {@code results.json} and the report. The gate implements it; the bench itself knows no rules.
 */
@FunctionalInterface
public interface ResultCheck {

    /** Checks nothing. */
    ResultCheck NONE = result -> List.of();

    /** The verdicts on {@code result}, passing ones included; empty when nothing is configured. */
    List<CheckResult> check(BenchResult result);
}
