package io.github.allocbench.memory;

import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemorySamplerTest {

    private static final long SELF = ProcessHandle.current().pid();
    private static final JvmSnapshot JVM = new JvmSnapshot(1_000, 2_000, 300, 400, 50, 0, 3, 40, 20, 150_000L,
            Map.of("Java Heap", 2_000L));

    @TempDir
    Path proc;

    @Test
    void readsSmapsRollupAboutOnceASecondAndAttachesTheJvmsView() throws Exception {
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        Files.writeString(proc.resolve("smaps_rollup"), Fixtures.text("smaps_rollup.txt"));
        try (MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(250), null, () -> JVM)) {
            sampler.start();
            Thread.sleep(1_900);
            List<MemorySample> samples = sampler.stop();

            assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
            MemorySample first = samples.get(0);
            assertThat(first.rssKb()).isEqualTo(175_300);
            assertThat(first.hwmKb()).isEqualTo(181_144);
            assertThat(first.threads()).isEqualTo(71);
            assertThat(first.pssKb()).isEqualTo(341_877);
            assertThat(first.privateDirtyKb()).isEqualTo(318_036);
            assertThat(samples).allSatisfy(s -> assertThat(s.jvm()).isEqualTo(JVM));
            assertThat(samples.get(0).outsideNmtKb()).isEqualTo(175_300 - 150_000);
            // At 250 ms, every 4th reading takes smaps_rollup: readings 0 and 4, not 1 to 3.
            assertThat(samples.subList(1, 4)).allSatisfy(s -> assertThat(s.pssKb()).isNull());
            assertThat(samples.get(4).pssKb()).isEqualTo(341_877);
            SamplerCost cost = sampler.cost();
            assertThat(cost.reads()).isEqualTo(samples.size());
            assertThat(cost.rollupReads()).isEqualTo(samples.stream().filter(s -> s.pssKb() != null).count());
            assertThat(cost.cpuNanos()).isPositive();
        }
    }

    @Test
    void aKernelWithoutSmapsRollupGivesSamplesWithoutPss() throws Exception {
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        try (MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(50), null, null)) {
            assertThat(sampler.sampleNow().pssKb()).isNull();
            sampler.start();
            Thread.sleep(300);
            List<MemorySample> samples = sampler.stop();

            assertThat(samples).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
                assertThat(s.rssKb()).isEqualTo(175_300);
                assertThat(s.pssKb()).isNull();
                assertThat(s.privateDirtyKb()).isNull();
                assertThat(s.jvm()).isNull();
                assertThat(s.outsideNmtKb()).isNull();
            });
            assertThat(sampler.endReason()).isEmpty();
            assertThat(sampler.cost().rollupReads()).isZero();
        }
    }

    @Test
    void smapsRollupIsReadAtMostOnceASecondAndWithinHalfAPercentOfACore() {
        long cheap = 100_000;
        assertThat(MemorySampler.rollupEvery(Duration.ofMillis(50), cheap)).isEqualTo(20);
        assertThat(MemorySampler.rollupEvery(Duration.ofMillis(250), cheap)).isEqualTo(4);
        assertThat(MemorySampler.rollupEvery(Duration.ofMillis(300), cheap)).isEqualTo(4);
        assertThat(MemorySampler.rollupEvery(Duration.ofSeconds(1), cheap)).isEqualTo(1);
        assertThat(MemorySampler.rollupEvery(Duration.ofSeconds(5), cheap)).isEqualTo(1);
        // 3.4 ms at 340 MB: still once a second at 250 ms; 50 ms at 2.2 GB: every 10 s.
        assertThat(MemorySampler.rollupEvery(Duration.ofMillis(250), 3_400_000)).isEqualTo(4);
        assertThat(MemorySampler.rollupEvery(Duration.ofMillis(250), 50_000_000)).isEqualTo(40);
    }

    @Test
    void samplesAtTheIntervalWithRelativeTimeAndTheCurrentPhase() throws Exception {
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.RAMP);
        try (MemorySampler sampler = new MemorySampler(SELF, Duration.ofMillis(20), phase::get)) {
            sampler.start();
            Thread.sleep(150);
            phase.set(Phase.LOAD);
            Thread.sleep(150);
            List<MemorySample> samples = sampler.stop();

            assertThat(samples).hasSizeBetween(8, 20);
            assertThat(samples.get(0).tMs()).isLessThan(20);
            assertThat(samples).allSatisfy(s -> assertThat(s.rssKb()).isPositive());
            assertThat(samples).extracting(MemorySample::tMs).isSorted();
            assertThat(samples.get(0).phase()).isEqualTo(Phase.RAMP);
            assertThat(samples.get(samples.size() - 1).phase()).isEqualTo(Phase.LOAD);
            assertThat(samples.get(samples.size() - 1).tMs()).isBetween(250L, 400L);
            assertThat(sampler.latest()).contains(samples.get(samples.size() - 1));
        }
    }

    @Test
    void hasNoLatestSampleBeforeItStarts() {
        try (MemorySampler sampler = new MemorySampler(SELF, Duration.ofMillis(20))) {
            assertThat(sampler.latest()).isEmpty();
        }
    }

    @Test
    void setPhaseTagsLaterSamples() throws Exception {
        MemorySampler sampler = new MemorySampler(SELF, Duration.ofMillis(10));
        sampler.setPhase(Phase.COOLDOWN);
        sampler.start();
        Thread.sleep(50);

        assertThat(sampler.stop()).isNotEmpty().allSatisfy(s -> assertThat(s.phase()).isEqualTo(Phase.COOLDOWN));
    }

    @Test
    void stopEndsSampling() throws Exception {
        MemorySampler sampler = new MemorySampler(SELF, Duration.ofMillis(10));
        sampler.start();
        Thread.sleep(50);
        int taken = sampler.stop().size();
        Thread.sleep(50);

        assertThat(sampler.samples()).hasSize(taken);
        assertThat(sampler.endReason()).isEmpty();
    }

    @Test
    void stopsQuietlyWhenTheProcessIsGone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try (MemorySampler sampler = new MemorySampler(sleeper.pid(), Duration.ofMillis(10))) {
            sampler.start();
            Thread.sleep(60);
            sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            Thread.sleep(60);
            int taken = sampler.samples().size();
            Thread.sleep(60);

            assertThat(taken).isPositive();
            assertThat(sampler.samples()).hasSize(taken);
            assertThat(sampler.endReason()).hasValueSatisfying(r -> assertThat(r)
                    .startsWith("Stopped sampling process " + sleeper.pid()));
            assertThat(sampler.stop()).hasSize(taken);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aFailedReadIsRecordedAndSamplingGoesOn() throws Exception {
        Files.writeString(proc.resolve("status"), "State:\tS (sleeping)\nVmRSS:\tgarbled kB\n");
        try (MemorySampler sampler = new MemorySampler(proc, 1, Duration.ofMillis(50), null, null)) {
            sampler.start();
            awaitUntil(() -> sampler.failedReads() >= 2);
            Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
            awaitUntil(() -> !sampler.samples().isEmpty());

            assertThat(sampler.failedReads()).isGreaterThanOrEqualTo(2);
            assertThat(sampler.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("garbled"));
            assertThat(sampler.endReason()).isEmpty();
        }
    }

    /** Waits for {@code condition} with a generous bound, polling; fails when the bound passes. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void sampleNowReadsOnceWithoutRecording() throws Exception {
        MemorySampler sampler = new MemorySampler(SELF, Duration.ofSeconds(10));
        sampler.setPhase(Phase.LOAD);

        MemorySample sample = sampler.sampleNow();

        assertThat(sample.tMs()).isZero();
        assertThat(sample.phase()).isEqualTo(Phase.LOAD);
        assertThat(sample.rssKb()).isPositive();
        assertThat(sample.vszKb()).isGreaterThan(sample.rssKb());
        assertThat(sample.pssKb()).isPositive();
        assertThat(sample.privateDirtyKb()).isPositive();
        assertThat(sampler.samples()).isEmpty();
    }

    @Test
    void rejectsANonPositiveIntervalAndASecondStart() {
        assertThatThrownBy(() -> new MemorySampler(SELF, Duration.ZERO)).hasMessageContaining("sampleInterval");
        try (MemorySampler sampler = new MemorySampler(SELF, Duration.ofSeconds(1))) {
            sampler.start();
            assertThatThrownBy(sampler::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
