package io.github.allocbench.memory;

import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemorySamplerTest {

    private static final long SELF = ProcessHandle.current().pid();
    private static final JvmSnapshot JVM = new JvmSnapshot(1_000, 2_000, 300, 400, 50, 0, 3, 40, 20, 150_000L,
            Map.of("Java Heap", 2_000L));

    /** How long a test waits for the sampler's thread: generous, it only stops a hung test. */
    private static final Duration AWAIT_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path proc;

    @Test
    void readsSmapsRollupAboutOnceASecondAndAttachesTheJvmsView() throws Exception {
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        Files.writeString(proc.resolve("smaps_rollup"), Fixtures.text("smaps_rollup.txt"));
        // Every reading costs exactly 1 us of CPU on this clock, whatever the machine: the cadence depends on the cost.
        AtomicLong cpu = new AtomicLong();
        try (MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(250), null, () -> JVM,
                System::nanoTime, () -> cpu.addAndGet(1_000))) {
            sampler.start();
            List<MemorySample> samples = stopAfter(sampler, 6);

            MemorySample first = samples.get(0);
            assertThat(first.rssKb()).isEqualTo(175_300);
            assertThat(first.hwmKb()).isEqualTo(181_144);
            assertThat(first.threads()).isEqualTo(71);
            assertThat(first.pssKb()).isEqualTo(341_877);
            assertThat(first.privateDirtyKb()).isEqualTo(318_036);
            assertThat(samples).allSatisfy(s -> assertThat(s.jvm()).isEqualTo(JVM));
            assertThat(samples.get(0).outsideNmtKb()).isEqualTo(175_300 - 150_000);
            // At 250 ms, every 4th reading takes smaps_rollup: readings 0 and 4, not 1 to 3 nor 5.
            assertThat(samples.subList(1, 4)).allSatisfy(s -> assertThat(s.pssKb()).isNull());
            assertThat(samples.get(4).pssKb()).isEqualTo(341_877);
            assertThat(samples.get(5).pssKb()).isNull();
            SamplerCost cost = sampler.cost();
            assertThat(cost.reads()).isEqualTo(samples.size());
            assertThat(cost.rollupReads()).isEqualTo(samples.stream().filter(s -> s.pssKb() != null).count());
            assertThat(cost.cpuNanos()).isEqualTo(1_000L * samples.size());
        }
    }

    @Test
    void anExpensiveSmapsRollupIsReadLessOften() throws Exception {
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        Files.writeString(proc.resolve("smaps_rollup"), Fixtures.text("smaps_rollup.txt"));
        // 10 ms per reading: at 0.5 % of a core the next smaps_rollup waits 2 s, every 8th reading at 250 ms.
        AtomicLong cpu = new AtomicLong();
        try (MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(250), null, null,
                System::nanoTime, () -> cpu.addAndGet(10_000_000))) {
            sampler.start();
            List<MemorySample> samples = stopAfter(sampler, 10);

            assertThat(samples).extracting(s -> s.pssKb() != null)
                    .startsWith(true, false, false, false, false, false, false, false, true, false);
        }
    }

    @Test
    void aKernelWithoutSmapsRollupGivesSamplesWithoutPss() throws Exception {
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        try (MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(50), null, null)) {
            assertThat(sampler.sampleNow().pssKb()).isNull();
            sampler.start();
            List<MemorySample> samples = stopAfter(sampler, 3);

            assertThat(samples).allSatisfy(s -> {
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
    void samplesWithRelativeTimeAndTheCurrentPhase() throws Exception {
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.RAMP);
        // The clock reads 1,000 ms at start and 30 ms more at each reading: tMs is since start, in reading order.
        AtomicLong clock = new AtomicLong(970_000_000L);
        try (MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(20), phase::get, null,
                () -> clock.addAndGet(30_000_000L), System::nanoTime)) {
            sampler.start();
            awaitSamples(sampler, 3);
            phase.set(Phase.LOAD);
            int beforeTheSwitch = sampler.samples().size();
            awaitSamples(sampler, beforeTheSwitch + 3);
            List<MemorySample> samples = sampler.stop();

            assertThat(samples).extracting(MemorySample::tMs)
                    .startsWith(30L, 60L, 90L)
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(samples.get(0).phase()).isEqualTo(Phase.RAMP);
            assertThat(samples.get(samples.size() - 1).phase()).isEqualTo(Phase.LOAD);
            assertThat(sampler.latest()).contains(samples.get(samples.size() - 1));
        }
    }

    @Test
    void hasNoLatestSampleBeforeItStarts() {
        try (MemorySampler sampler = new MemorySampler(SELF, Duration.ofMillis(20), null, null)) {
            assertThat(sampler.latest()).isEmpty();
        }
    }

    @Test
    void setPhaseTagsLaterSamples() throws Exception {
        MemorySampler sampler = new MemorySampler(SELF, Duration.ofMillis(10), null, null);
        sampler.setPhase(Phase.COOLDOWN);
        sampler.start();

        assertThat(stopAfter(sampler, 2)).allSatisfy(s -> assertThat(s.phase()).isEqualTo(Phase.COOLDOWN));
    }

    @Test
    void stopEndsSampling() throws Exception {
        AtomicLong clockReads = new AtomicLong();
        Files.writeString(proc.resolve("status"), Fixtures.text("status-java.txt"));
        MemorySampler sampler = new MemorySampler(proc, 4242, Duration.ofMillis(10), null, null,
                clockReads::incrementAndGet, System::nanoTime);
        sampler.start();
        int taken = stopAfter(sampler, 2).size();
        long readsWhenStopped = clockReads.get();

        // stop() waits for the sampler's thread to end: no reading starts after it returned.
        assertThat(sampler.samples()).hasSize(taken);
        assertThat(clockReads.get()).isEqualTo(readsWhenStopped);
        assertThat(sampler.endReason()).isEmpty();
    }

    @Test
    void stopsQuietlyWhenTheProcessIsGone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try (MemorySampler sampler = new MemorySampler(sleeper.pid(), Duration.ofMillis(10), null, null)) {
            sampler.start();
            awaitSamples(sampler, 2);
            sleeper.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            awaitEndReason(sampler);
            int taken = sampler.samples().size();

            assertThat(taken).isGreaterThanOrEqualTo(2);
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
        MemorySampler sampler = new MemorySampler(SELF, Duration.ofSeconds(10), null, null);
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
        assertThatThrownBy(() -> new MemorySampler(SELF, Duration.ZERO, null, null)).hasMessageContaining("sampleInterval");
        try (MemorySampler sampler = new MemorySampler(SELF, Duration.ofSeconds(1), null, null)) {
            sampler.start();
            assertThatThrownBy(sampler::start).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Waits, up to a minute, for the sampler to have taken {@code count} samples, then stops it. */
    private static List<MemorySample> stopAfter(MemorySampler sampler, int count) throws InterruptedException {
        awaitSamples(sampler, count);
        List<MemorySample> samples = sampler.stop();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(count);
        return samples;
    }

    private static void awaitSamples(MemorySampler sampler, int count) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_BOUND.toNanos();
        while (sampler.samples().size() < count) {
            assertThat(deadline - System.nanoTime()).as("%d samples within %s", count, AWAIT_BOUND).isPositive();
            Thread.sleep(5);
        }
    }

    private static void awaitEndReason(MemorySampler sampler) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_BOUND.toNanos();
        while (sampler.endReason().isEmpty()) {
            assertThat(deadline - System.nanoTime()).as("the sampler ends within %s", AWAIT_BOUND).isPositive();
            Thread.sleep(5);
        }
    }

    /**
     * The accuracy check: the sampler's RSS and an independent {@code ps -o rss=} read at the same moment (one
     * sampler read just before ps, one just after) agree within 2 %.
     */
    @Test
    void samplerRssAgreesWithPsWithinTwoPercent() throws Exception {
        Process process = new ProcessBuilder("sleep", "60").start();
        try {
            awaitExec(process.pid(), "sleep");
            MemorySampler sampler = new MemorySampler(process.pid(), Duration.ofMillis(250), null, null);
            List<String> readings = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long before = sampler.sampleNow().rssKb();
                long ps = psRssKb(process.pid());
                long after = sampler.sampleNow().rssKb();
                readings.add("sampler " + before + " / ps " + ps + " / sampler " + after + " KiB");

                assertThat(ps).as("ps RSS against the sampler's %d and %d KiB", before, after)
                        .isBetween(Math.round(Math.min(before, after) * 0.98),
                                Math.round(Math.max(before, after) * 1.02));
            }
            System.out.println("[accuracy] " + String.join("; ", readings));
        } finally {
            process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static long psRssKb(long pid) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(pid)).redirectErrorStream(true)
                .start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(ps.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Long.parseLong(out);
    }

    /** Waits until the forked process runs {@code command}: before its exec it is a copy of the JVM that forked it. */
    private static void awaitExec(long pid, String command) throws IOException, InterruptedException {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(comm).strip().equals(command)) {
            assertThat(deadline - System.nanoTime()).as("process %d runs %s", pid, command).isPositive();
            Thread.sleep(10);
        }
    }
}
