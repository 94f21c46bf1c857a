package io.github.allocbench.memory;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemorySamplerTest {

    private static final long SELF = ProcessHandle.current().pid();

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
    void sampleNowReadsOnceWithoutRecording() throws Exception {
        MemorySampler sampler = new MemorySampler(SELF, Duration.ofSeconds(10));
        sampler.setPhase(Phase.LOAD);

        MemorySample sample = sampler.sampleNow();

        assertThat(sample.tMs()).isZero();
        assertThat(sample.phase()).isEqualTo(Phase.LOAD);
        assertThat(sample.rssKb()).isPositive();
        assertThat(sample.vszKb()).isGreaterThan(sample.rssKb());
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
