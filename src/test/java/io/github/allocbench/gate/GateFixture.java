package io.github.allocbench.gate;

import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.LatencySummary;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;

import java.util.List;
import java.util.Map;

/** Bench results with chosen figures for the gate tests. */
final class GateFixture {

    static final long MIB = 1024;
    static final long GIB = 1024 * 1024;

    static final BenchEnvironment ENVIRONMENT = new BenchEnvironment("Linux", "6.1.0", "x86_64", 2, 25_000_000_000L,
            "OpenJDK 64-Bit Server VM 17.0.15", "12.1.14");
    static final ConfigSummary CONFIG = new ConfigSummary("com.example.Hello", List.of("system", "jemalloc"), 200,
            3_000, 2_000, 1_000, 500, 3, List.of("-Xms256m", "-Xmx256m"));

    private GateFixture() {
    }

    /** An ok run with the given peak and retained RSS (KiB), throughput and p99 latency; 0.1% errors. */
    static RunResult ok(String allocator, int trial, long peakRssKb, long retainedKb, double rps, double p99) {
        RunSummary summary = new RunSummary(peakRssKb, 4 * GIB, 200 * MIB, peakRssKb - 10 * MIB, retainedKb, 50.0,
                null, null, Map.of());
        LoadResult load = new LoadResult(200, 999, 1, Map.of(), rps, new LatencySummary(1, 2, p99, p99 * 2, p99 * 3),
                100, List.of());
        return new RunResult(allocator, trial, RunStatus.OK, null, false, 100L + trial, null, null, null, List.of(),
                load, summary, null, null);
    }

    /** An ok run with the given native peak and retained RSS (KiB) and p99 latency; 0.1% errors. */
    static RunResult nativeRun(String allocator, int trial, long peakNativeKb, long retainedNativeKb, double p99) {
        RunSummary summary = new RunSummary(peakNativeKb + 256 * MIB, 4 * GIB, 300 * MIB, peakNativeKb + 200 * MIB,
                retainedNativeKb, 50.0, null, null, Map.of(), null, 0, null, 0, null, peakNativeKb, 40 * MIB,
                peakNativeKb - 10 * MIB, retainedNativeKb, null, List.of());
        LoadResult load = new LoadResult(200, 999, 1, Map.of(), 20_000, new LatencySummary(1, 2, p99, p99 * 2,
                p99 * 3), 100, List.of());
        return new RunResult(allocator, trial, RunStatus.OK, null, false, 100L + trial, null, null, null, List.of(),
                load, summary, null, null);
    }

    static RunResult skipped(String allocator, int trial) {
        return RunResult.skipped(allocator, trial, "/usr/lib/lib" + allocator + ".so",
                allocator + ": /usr/lib/lib" + allocator + ".so not found. Install it.");
    }

    static RunResult failed(String allocator, int trial) {
        return new RunResult(allocator, trial, RunStatus.FAILED, null, false, 7L, 137, "the server died", null,
                List.of(), null, RunSummary.of(List.of()), null, null);
    }

    static BenchResult result(ConfigSummary config, BenchEnvironment environment, RunResult... runs) {
        return new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo("0.1.0"), environment, config,
                List.of(runs), List.of());
    }

    static BenchResult result(RunResult... runs) {
        return result(CONFIG, ENVIRONMENT, runs);
    }
}
