package io.github.allocbench.result;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NativeRssTest {

    private static final long HEAP = 2L * 1024 * 1024;

    /** A sample whose heap was committed at {@code committed} and reported resident at {@code resident}. */
    private static MemorySample sample(long t, Phase phase, long rss, long committed, Long resident, String source) {
        JvmSnapshot jvm = new JvmSnapshot(100_000, committed, 0, 0, 0, 0, 0, 0, 10, null, Map.of(), null, resident,
                source);
        return new MemorySample(t, phase, rss, rss * 3, rss, rss, 0, 0, 10, null, null, jvm);
    }

    private static MemorySample preTouched(long t, Phase phase, long rss) {
        return sample(t, phase, rss, HEAP, HEAP, "committed");
    }

    @Test
    void aPreTouchedHeapIsSubtractedAsCommitted() {
        MemorySample s = preTouched(0, Phase.LOAD, HEAP + 180_000);

        assertThat(s.nativeRssKb()).isEqualTo(180_000);
    }

    @Test
    void aGrowingHeapIsSubtractedAsMeasuredNotAsCommitted() {
        // 1 GiB committed, 300 MiB of it touched: the untouched rest was never in RSS.
        MemorySample s = sample(0, Phase.LOAD, 300 * 1024 + 150_000, 1024 * 1024, 300L * 1024, "smaps");

        assertThat(s.nativeRssKb()).isEqualTo(150_000);
    }

    @Test
    void withoutTheHeapsResidentPartThereIsNoNativeFigure() {
        assertThat(sample(0, Phase.LOAD, HEAP, HEAP, null, "unknown: no range").nativeRssKb()).isNull();
        assertThat(new MemorySample(0, Phase.LOAD, HEAP, HEAP).nativeRssKb()).isNull();
    }

    @Test
    void theSummaryRanksNativeFiguresPerPhase() {
        List<MemorySample> samples = List.of(
                preTouched(0, Phase.IDLE, HEAP + 150_000),
                preTouched(1_000, Phase.LOAD, HEAP + 200_000),
                preTouched(2_000, Phase.LOAD, HEAP + 260_000),
                preTouched(3_000, Phase.LOAD, HEAP + 220_000),
                preTouched(3_100, Phase.COOLDOWN, HEAP + 210_000),
                preTouched(4_200, Phase.COOLDOWN, HEAP + 190_000),
                preTouched(8_000, Phase.COOLDOWN, HEAP + 170_000),
                preTouched(9_000, Phase.COOLDOWN, HEAP + 165_000));

        RunSummary summary = RunSummary.of(samples);

        assertThat(summary.peakNativeRssKb()).isEqualTo(260_000);
        assertThat(summary.idleNativeRssKb()).isEqualTo(150_000);
        assertThat(summary.medianLoadNativeRssKb()).isEqualTo(220_000);
        assertThat(summary.retainedNativeRssKb()).isEqualTo(15_000);
        assertThat(summary.heapResidentSource()).isEqualTo("committed");
        assertThat(summary.peakRssKb() - summary.peakNativeRssKb()).isEqualTo(HEAP);
        assertThat(summary.afterLoad()).containsExactly(
                new AfterLoad(100, 100, 210_000),
                new AfterLoad(1_000, 1_200, 190_000),
                new AfterLoad(5_000, 5_000, 170_000),
                new AfterLoad(RunSummary.END_OF_COOLDOWN, 6_000, 165_000));
    }

    @Test
    void theAllocatorGovernedPartLeavesOutTheUntouchedHeapThatNmtCountsAsCommitted() {
        // 1 GiB committed, 300 MiB touched; NMT: the heap's 1 GiB plus 90 MiB of JVM mappings and malloc, 40 MiB of
        // which is malloc. Native RSS 150 MiB, so 60 MiB of it is outside NMT: the allocator's own.
        long committed = 1024 * 1024;
        JvmSnapshot jvm = new JvmSnapshot(100_000, committed, 0, 0, 0, 0, 0, 0, 10, committed + 90 * 1024,
                Map.of("Java Heap", committed, "GC", 50L * 1024, "Other", 40L * 1024), null, 300L * 1024, "smaps",
                40L * 1024);
        long rss = 300 * 1024 + 150 * 1024;
        MemorySample s = new MemorySample(0, Phase.LOAD, rss, rss * 3, rss, rss, 0, 0, 10, null, null, jvm);

        assertThat(s.untrackedNativeKb()).isEqualTo(60 * 1024);
        assertThat(s.allocatorGovernedKb()).isEqualTo(100 * 1024);
        // RSS minus NMT's total counts the 724 MiB of untouched heap against the allocator.
        assertThat(s.outsideNmtKb()).isEqualTo(rss - committed - 90 * 1024);
    }

    @Test
    void withAPreTouchedHeapTheAllocatorsPartIsRssMinusNmtsTotal() {
        JvmSnapshot jvm = new JvmSnapshot(100_000, HEAP, 0, 0, 0, 0, 0, 0, 10, HEAP + 90 * 1024,
                Map.of("Java Heap", HEAP, "Other", 90L * 1024), null, HEAP, "committed", 40L * 1024);
        long rss = HEAP + 150 * 1024;
        MemorySample s = new MemorySample(0, Phase.LOAD, rss, rss * 3, rss, rss, 0, 0, 10, null, null, jvm);

        assertThat(s.untrackedNativeKb()).isEqualTo(s.outsideNmtKb()).isEqualTo(60 * 1024);
        assertThat(s.allocatorGovernedKb()).isEqualTo(100 * 1024);
    }

    @Test
    void filesWithoutTheHeapsResidentPartHaveNoNativeFigures() {
        RunSummary summary = RunSummary.of(List.of(new MemorySample(0, Phase.LOAD, HEAP, HEAP)));

        assertThat(summary.peakNativeRssKb()).isNull();
        assertThat(summary.medianLoadNativeRssKb()).isNull();
        assertThat(summary.retainedNativeRssKb()).isNull();
        assertThat(Metric.PEAK_NATIVE_RSS.of(RunResult.builder("system", 1).build())).isNull();
    }
}
