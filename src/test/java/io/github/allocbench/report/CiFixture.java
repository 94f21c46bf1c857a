package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.UnjudgedCheck;
import io.github.allocbench.result.Validity;

import java.util.ArrayList;
import java.util.List;

/**
 * A bench for the CI outputs and the site page: {@link ResultFixture#result()} with native figures (system and
 * tcmalloc ok, jemalloc skipped, mimalloc failed), a second tcmalloc trial found invalid (as a bench of two trials
 * that broke off after it would leave it), a violated check on system,
 * a passed one on tcmalloc and one that could not be judged.
 */
final class CiFixture {

    static final String VIOLATION = "system peakNativeRss is 456 MiB, above the maximum of <400 MiB> \"strict\".";
    static final String PASSED = "tcmalloc peakNativeRss is 358 MiB, within the maximum of 1.00 GiB.";
    static final String INVALID = "held 6,412 of 10,000 connections";

    private CiFixture() {
    }

    static BenchResult result() {
        BenchResult base = ResultFixture.withNative(ResultFixture.result());
        List<RunResult> runs = new ArrayList<>(base.runs());
        RunResult tcmalloc = runs.get(3);
        runs.add(RunResult.builder("tcmalloc", 2).status(tcmalloc.status()).library(tcmalloc.library())
                .preloadVerified(true).samples(tcmalloc.samples()).load(tcmalloc.load()).summary(tcmalloc.summary())
                .validity(Validity.of(List.of(INVALID))).build());
        return new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config().withAllocators(base.config().allocators(), 2), runs,
                List.of(new CheckResult("system", "peakNativeRss", "maximum", 467_000, 409_600, null, false,
                                VIOLATION),
                        new CheckResult("tcmalloc", "peakNativeRss", "maximum", 367_000, 1_048_576, null, true,
                                PASSED)),
                false, List.of(new UnjudgedCheck("mimalloc", "errorRate", "maximum",
                        List.of("mimalloc trial 1 failed"))));
    }
}
