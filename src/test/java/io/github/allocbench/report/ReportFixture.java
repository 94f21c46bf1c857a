package io.github.allocbench.report;

import io.github.allocbench.bench.BenchEnvironment;
import io.github.allocbench.bench.BenchResult;
import io.github.allocbench.bench.ConfigSummary;
import io.github.allocbench.bench.RunResult;
import io.github.allocbench.bench.RunStatus;
import io.github.allocbench.bench.RunSummary;
import io.github.allocbench.load.LatencySummary;
import io.github.allocbench.load.LoadResult;
import io.github.allocbench.memory.MemorySample;
import io.github.allocbench.memory.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A fixed bench result for the report tests: two good runs, one failed, one skipped. */
final class ReportFixture {

    static final String HANDLER = "com.example.HelloHandler";
    static final String JEMALLOC_HINT = "jemalloc: /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 not found. Install it "
            + "(Debian/Ubuntu: apt-get install libjemalloc2) or set <library> for this allocator.";
    static final String MIMALLOC_FAILURE = "the server died during the load: java.lang.OutOfMemoryError: Java heap space";

    private ReportFixture() {
    }

    /** system and tcmalloc ran, mimalloc failed, jemalloc is not installed. */
    static BenchResult result() {
        return result("system", "tcmalloc");
    }

    /** The same bench, with the two good runs under the given allocator names. */
    static BenchResult result(String firstOk, String secondOk) {
        List<RunResult> runs = List.of(
                ok(firstOk, 1_000L, 600_000, 5_000_000, 24_812.4),
                RunResult.skipped("jemalloc", 1, "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", JEMALLOC_HINT),
                new RunResult("mimalloc", 1, RunStatus.FAILED, "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2", true,
                        1_002L, 137, MIMALLOC_FAILURE, "logs/mimalloc-1.log",
                        samples(700_000, 11_000_000, 3), null, RunSummary.of(samples(700_000, 11_000_000, 3))),
                ok(secondOk, 1_003L, 500_000, 4_100_000, 31_005.6));
        return new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo("0.1.0-SNAPSHOT"),
                new BenchEnvironment("Linux", "6.1.0-28-amd64", "amd64", 2, 25_769_803_776L, "17.0.15", "12.1.14"),
                new ConfigSummary(HANDLER, List.of("system", "jemalloc", "mimalloc", "tcmalloc"), 10_000, 10_000,
                        0, 3_000, 1_000, 1, List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC")),
                runs, List.of());
    }

    private static RunResult ok(String allocator, long pid, long peakRssKb, long vszKb, double rps) {
        List<MemorySample> samples = samples(peakRssKb, vszKb, 15);
        String library = allocator.equals("system") ? null : "/usr/lib/x86_64-linux-gnu/lib" + allocator + ".so";
        LoadResult load = new LoadResult(10_000, Math.round(rps * 10), 3, Map.of("connect timeout", 3L), rps,
                new LatencySummary(2.345, 5.0, 17.5, 40.0, 120.0), 1_800, List.of(24_000L, 25_000L));
        return new RunResult(allocator, 1, RunStatus.OK, library, library != null, pid, null, null,
                "logs/" + allocator + "-1.log", samples, load, RunSummary.of(samples));
    }

    /**
     * {@code count} samples a second apart from one second before the load: RSS climbs to {@code peakRssKb} in
     * the middle of the load and falls back by a fifth in the cooldown.
     */
    static List<MemorySample> samples(long peakRssKb, long vszKb, int count) {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long tMs = (i - 1) * 1_000L;
            Phase phase = i == 0 ? Phase.IDLE : i < 12 ? Phase.LOAD : Phase.COOLDOWN;
            long rss = i == 0 ? 150_000 : i <= 6 ? 150_000 + (peakRssKb - 150_000) * i / 6
                    : i < 12 ? peakRssKb - (i - 6) * 1_000 : peakRssKb * 4 / 5;
            samples.add(new MemorySample(tMs, phase, rss, vszKb - (i == 0 ? 1_000_000 : 0)));
        }
        return samples;
    }
}
