package io.github.allocbench.maven;

import io.github.allocbench.bench.BenchConfig;
import io.github.allocbench.bench.BenchLog;
import io.github.allocbench.bench.BenchOutcome;
import io.github.allocbench.bench.BenchSite;

import java.io.IOException;

/** Runs a bench plan: the one call from the {@code bench} goal into the core. */
@FunctionalInterface
interface BenchRunner {

    BenchOutcome run(BenchConfig plan, BenchSite site, String pluginVersion, BenchLog log)
            throws IOException, InterruptedException;
}
