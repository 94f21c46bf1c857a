package io.github.allocbench.result;


import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunSummaryTest {

    private static MemorySample s(long t, Phase phase, long rss) {
        return new MemorySample(t, phase, rss, rss * 3);
    }

    private static MemorySample nmt(long t, Phase phase, long rss, long nmtCommitted) {
        JvmSnapshot jvm = new JvmSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 10, nmtCommitted, Map.of());
        return new MemorySample(t, phase, rss, rss * 3, rss, rss, 0, 0, 10, null, null, jvm);
    }

    @Test
    void derivesIdlePeakMedianRetainedAndReturnedFromThePhases() {
        List<MemorySample> samples = List.of(
                s(0, Phase.IDLE, 100), s(1, Phase.IDLE, 110),
                s(2, Phase.RAMP, 200),
                s(3, Phase.LOAD, 300), s(4, Phase.LOAD, 500), s(5, Phase.LOAD, 400),
                s(6, Phase.COOLDOWN, 300), s(7, Phase.COOLDOWN, 210));

        RunSummary summary = RunSummary.of(samples);

        assertThat(summary.peakRssKb()).isEqualTo(500);
        assertThat(summary.peakVszKb()).isEqualTo(1500);
        assertThat(summary.idleRssKb()).isEqualTo(110);
        assertThat(summary.medianLoadRssKb()).isEqualTo(400);
        assertThat(summary.retainedRssKb()).isEqualTo(100);
        // grew 390 over idle, gave back 290 of it
        assertThat(summary.returnedPercent()).isCloseTo(100.0 * 290 / 390, within(1e-9));
        assertThat(summary.phases()).containsOnlyKeys("idle", "ramp", "load", "cooldown");
        assertThat(summary.phases().get("load")).isEqualTo(new PhaseStats(500, 400, 400, 3));
        assertThat(summary.phases().get("cooldown")).isEqualTo(new PhaseStats(300, 255, 210, 2));
        assertThat(summary.peakRssSource()).isEqualTo(RunSummary.SAMPLED);
        assertThat(summary.longestSampleGapMs()).isEqualTo(1);
        assertThat(summary.outsideNmtKb()).isNull();
        assertThat(summary.peakPssKb()).isNull();
    }

    private static MemorySample hwm(long t, long rss, long hwm) {
        return new MemorySample(t, Phase.LOAD, rss, rss * 3, hwm, rss, 0, 0, 10, null, null, null);
    }

    @Test
    void aSpikeBetweenTwoSamplesSetsThePeakThroughTheHighWaterMark() {
        RunSummary summary = RunSummary.of(List.of(hwm(0, 100, 150), hwm(250, 200, 200), hwm(1250, 180, 900),
                hwm(1500, 170, 900)), 2, "Reading process 1 failed at 750 ms: boom");

        assertThat(summary.peakRssKb()).isEqualTo(900);
        assertThat(summary.peakRssSource()).isEqualTo(RunSummary.HWM);
        assertThat(summary.longestSampleGapMs()).isEqualTo(1000);
        assertThat(summary.samplerErrors()).isEqualTo(2);
        assertThat(summary.samplerError()).contains("boom");
    }

    @Test
    void aHighWaterMarkSetBeforeSamplingBeganIsNotThisRunsPeak() {
        RunSummary summary = RunSummary.of(List.of(hwm(0, 100, 900), hwm(250, 200, 900)));

        assertThat(summary.peakRssKb()).isEqualTo(200);
        assertThat(summary.peakRssSource()).isEqualTo(RunSummary.SAMPLED);
    }

    @Test
    void nmtThatFailedIsRecorded() {
        JvmSnapshot failed = new JvmSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 10, null, Map.of(), "NMT's summary could not "
                + "be asked for: boom");
        RunSummary summary = RunSummary.of(List.of(new MemorySample(0, Phase.LOAD, 1, 1, 1, 1, 0, 0, 1, null, null,
                failed)));

        assertThat(summary.nmtError()).isEqualTo("NMT's summary could not be asked for: boom");
        assertThat(summary.outsideNmtKb()).isNull();
    }

    @Test
    void noGrowthMeansNoReturnedShareAndNoSamplesMeansZeros() {
        RunSummary flat = RunSummary.of(List.of(s(0, Phase.IDLE, 100), s(1, Phase.LOAD, 90)));
        assertThat(flat.returnedPercent()).isNull();
        assertThat(flat.retainedRssKb()).isEqualTo(-10);
        // 1,200 KiB of growth on 2.2 GiB, 9,400 KiB given back: no "783 %" of a growth RSS makes by itself.
        RunSummary tiny = RunSummary.of(List.of(s(0, Phase.IDLE, 2_293_288), s(1, Phase.LOAD, 2_294_488),
                s(2, Phase.COOLDOWN, 2_285_088)));
        assertThat(tiny.returnedPercent()).isNull();
        RunSummary grew = RunSummary.of(List.of(s(0, Phase.IDLE, 100_000), s(1, Phase.LOAD, 101_024),
                s(2, Phase.COOLDOWN, 100_512)));
        assertThat(grew.returnedPercent()).isCloseTo(50.0, within(1e-9));

        RunSummary none = RunSummary.of(List.of());
        assertThat(none.peakRssKb()).isZero();
        assertThat(none.phases()).isEmpty();
    }

    @Test
    void outsideNmtIsTheMedianOverTheLoadAndMayBeNegative() {
        RunSummary summary = RunSummary.of(List.of(
                nmt(0, Phase.IDLE, 100, 500),
                nmt(1, Phase.LOAD, 600, 500), nmt(2, Phase.LOAD, 700, 500), nmt(3, Phase.LOAD, 400, 500)));
        assertThat(summary.outsideNmtKb()).isEqualTo(100);
        assertThat(RunSummary.of(List.of(nmt(0, Phase.LOAD, 400, 500))).outsideNmtKb()).isEqualTo(-100);
    }

    @Test
    void withoutAnIdlePhaseTheFirstSampleIsTheBaseline() {
        RunSummary summary = RunSummary.of(List.of(s(0, Phase.RAMP, 100), s(1, Phase.LOAD, 300),
                s(2, Phase.COOLDOWN, 150)));
        assertThat(summary.idleRssKb()).isEqualTo(100);
        assertThat(summary.retainedRssKb()).isEqualTo(50);
        assertThat(summary.returnedPercent()).isCloseTo(75.0, within(1e-9));
    }
}
