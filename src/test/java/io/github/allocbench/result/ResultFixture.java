package io.github.allocbench.result;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fixed bench result for the report page tests: two good runs with JVM and NMT telemetry, a ramp phase and
 * responses per second, one failed run, one skipped; and a three-trial variant for the noise note.
 */
public final class ResultFixture {

    public static final String HANDLER = "com.example.HelloHandler";
    public static final String JEMALLOC_HINT = "jemalloc: /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 not found. Install it "
            + "(Debian/Ubuntu: apt-get install libjemalloc2) or set <library> for this allocator.";
    public static final String MIMALLOC_FAILURE = "the server died during the load: java.lang.OutOfMemoryError: Java heap space";

    private ResultFixture() {
    }

    /** {@code c} with every setting kept and the CPU placement asked for changed, {@code null} for unpinned. */
    public static ConfigSummary pinned(ConfigSummary c, String serverCpus, String generatorCpus) {
        return new ConfigSummary(c.handler(), c.allocators(), c.connections(), c.durationMs(), c.warmupMs(),
                c.cooldownMs(), c.sampleIntervalMs(), c.trials(), c.jvmArgs(), c.loadWarmupMs(), c.rate(),
                c.generatorJvmArgs(), c.request(), c.settleMs(), c.requestTimeoutMs(), c.jdks(), serverCpus,
                generatorCpus);
    }

    /** system and tcmalloc ran, mimalloc failed, jemalloc is not installed. */
    public static BenchResult result() {
        return result("system", "tcmalloc");
    }

    /** The same bench, with the two good runs under the given allocator names. */
    public static BenchResult result(String firstOk, String secondOk) {
        List<RunResult> runs = List.of(
                ok(firstOk, 1_000L, 600_000, 5_000_000, 24_812.4),
                RunResult.skipped("jemalloc", 1, "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", JEMALLOC_HINT),
                new RunResult("mimalloc", 1, RunStatus.FAILED, "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2", true,
                        1_002L, 137, MIMALLOC_FAILURE, "logs/mimalloc-1.log",
                        samples(700_000, 11_000_000, 3), null, RunSummary.of(samples(700_000, 11_000_000, 3)), null, null),
                ok(secondOk, 1_003L, 500_000, 4_100_000, 31_005.6));
        return new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo("0.1.0-SNAPSHOT"),
                new BenchEnvironment("Linux", "6.1.0-28-amd64", "amd64", 2, 25_769_803_776L, "17.0.15", "12.1.14",
                        "AMD EPYC 7B13", 8_589_934_592L, 20_000L),
                new ConfigSummary(HANDLER, List.of("system", "jemalloc", "mimalloc", "tcmalloc"), 10_000, 10_000,
                        0, 3_000, 1_000, 1, List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC")),
                runs, List.of());
    }

    private static RunResult ok(String allocator, long pid, long peakRssKb, long vszKb, double rps) {
        return ok(allocator, 1, pid, peakRssKb, vszKb, rps);
    }

    /** An ok run of {@code allocator} in {@code trial}, its RSS peaking at {@code peakRssKb}. */
    public static RunResult ok(String allocator, int trial, long pid, long peakRssKb, long vszKb, double rps) {
        List<MemorySample> samples = samples(peakRssKb, vszKb, 15);
        String library = allocator.equals("system") ? null : "/usr/lib/x86_64-linux-gnu/lib" + allocator + ".so";
        double scale = rps / 24_812.4;
        LoadResult load = new LoadResult(10_000, Math.round(rps * 10), 3, Map.of("connect timeout", 3L), rps,
                new LatencySummary(2.345 / scale, 5.0 / scale, 17.5 / scale, 40.0 / scale, 120.0), 1_800,
                perSecond(rps), 0, 1, 12.5, 350_000, "own");
        return new RunResult(allocator, trial, RunStatus.OK, library, library != null, pid, null, null,
                "logs/" + allocator + "-" + trial + ".log", samples, load, RunSummary.of(samples), null, null);
    }

    /** Three interleaved trials of system and tcmalloc whose peak RSS ranges overlap. */
    public static BenchResult trials() {
        BenchResult one = result();
        List<RunResult> runs = List.of(
                ok("system", 1, 1L, 600_000, 5_000_000, 24_000), ok("tcmalloc", 1, 2L, 590_000, 4_100_000, 30_000),
                ok("system", 2, 3L, 580_000, 5_000_000, 25_000), ok("tcmalloc", 2, 4L, 585_000, 4_100_000, 31_000),
                ok("system", 3, 5L, 620_000, 5_000_000, 26_000), ok("tcmalloc", 3, 6L, 575_000, 4_100_000, 29_000));
        ConfigSummary c = one.config();
        return new BenchResult(one.schemaVersion(), one.plugin(), one.environment(),
                new ConfigSummary(c.handler(), List.of("system", "tcmalloc"), c.connections(), c.durationMs(),
                        c.warmupMs(), c.cooldownMs(), c.sampleIntervalMs(), 3, c.jvmArgs()),
                runs, List.of());
    }

    /**
     * {@code result} as a bench with a fixed, pre-touched heap records it: every sample's heap resident as committed,
     * so native RSS is RSS minus the 128 MiB heap, and every summary computed again.
     */
    public static BenchResult withNative(BenchResult result) {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult run : result.runs()) {
            List<MemorySample> samples = run.samples().stream().map(s -> new MemorySample(s.tMs(), s.phase(),
                    s.rssKb(), s.vszKb(), s.hwmKb(), s.rssAnonKb(), s.rssFileKb(), s.rssShmemKb(), s.threads(),
                    s.pssKb(), s.privateDirtyKb(), s.jvm() == null ? null
                    : s.jvm().withHeapResident(s.jvm().heapCommittedKb(), "committed"))).toList();
            runs.add(run.toBuilder().samples(samples).summary(RunSummary.of(samples)).build());
        }
        return new BenchResult(result.schemaVersion(), result.plugin(), result.environment(), result.config(), runs,
                result.checks());
    }

    /**
     * {@code result} with NMT's malloc total in every JVM report: 50,000 KiB plus 1,000 KiB per second since the
     * server was ready, so each sample's allocator-governed memory is that plus its RSS outside NMT.
     */
    public static BenchResult withNmtMalloc(BenchResult result) {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult run : result.runs()) {
            List<MemorySample> samples = run.samples().stream().map(s -> {
                JvmSnapshot j = s.jvm();
                JvmSnapshot jvm = j == null ? null : new JvmSnapshot(j.heapUsedKb(), j.heapCommittedKb(),
                        j.nonHeapUsedKb(), j.nonHeapCommittedKb(), j.directKb(), j.mappedKb(), j.gcCount(),
                        j.gcTimeMs(), j.threads(), j.nmtCommittedKb(), j.nmtCategoriesKb(), j.nmtError(),
                        j.heapResidentKb(), j.heapResidentSource(), 50_000 + s.tMs());
                return new MemorySample(s.tMs(), s.phase(), s.rssKb(), s.vszKb(), s.hwmKb(), s.rssAnonKb(),
                        s.rssFileKb(), s.rssShmemKb(), s.threads(), s.pssKb(), s.privateDirtyKb(), jvm);
            }).toList();
            runs.add(run.toBuilder().samples(samples).build());
        }
        return new BenchResult(result.schemaVersion(), result.plugin(), result.environment(), result.config(), runs,
                result.checks());
    }

    /** Ten seconds of responses around {@code rps}, with a dip in the middle. */
    public static List<Long> perSecond(double rps) {
        List<Long> perSecond = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            perSecond.add(Math.round(rps * (s == 4 ? 0.7 : 1.0 + (s % 3 - 1) * 0.05)));
        }
        return perSecond;
    }

    /**
     * {@code count} samples a second apart from the server's start: two idle, one ramp, nine under load, the rest in
     * the cooldown. RSS climbs to {@code peakRssKb} in the middle of the load and falls back by a fifth in the
     * cooldown. The JVM reports a 128 MiB committed heap and NMT 60,000 KiB more, so in the idle phase RSS lies
     * below NMT's committed total (untouched heap pages), as it does without -XX:+AlwaysPreTouch.
     */
    public static List<MemorySample> samples(long peakRssKb, long vszKb, int count) {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long tMs = i * 1_000L;
            Phase phase = i < 2 ? Phase.IDLE : i == 2 ? Phase.RAMP : i < 12 ? Phase.LOAD : Phase.COOLDOWN;
            long rss = i < 2 ? 150_000 : i <= 7 ? 150_000 + (peakRssKb - 150_000) * (i - 1) / 6
                    : i < 12 ? peakRssKb - (i - 7) * 1_000 : peakRssKb * 4 / 5;
            long heap = 131_072;
            long nmt = heap + 60_000 + (i < 2 ? 0 : 40_000);
            JvmSnapshot jvm = new JvmSnapshot(heap / 2, heap, 40_000, 45_000, 8_000, 0, i, i * 3L, 30, nmt,
                    Map.of("Java Heap", heap, "Thread", 20_000L));
            samples.add(new MemorySample(tMs, phase, rss, vszKb - (i < 2 ? 1_000_000 : 0), rss, rss - 20_000,
                    20_000, 0, 40, i % 5 == 0 ? rss - 10_000 : null, null, jvm));
        }
        return samples;
    }
}
