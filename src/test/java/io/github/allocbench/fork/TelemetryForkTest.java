package io.github.allocbench.fork;

import io.github.allocbench.memory.MemorySampler;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.github.allocbench.fork.ForkFixture.SMALL_JVM;
import static io.github.allocbench.fork.ForkFixture.SYSTEM;
import static io.github.allocbench.fork.ForkFixture.command;
import static io.github.allocbench.fork.ForkFixture.forkedServersAlive;
import static org.assertj.core.api.Assertions.assertThat;

/** The JVM's own view arrives over the link from a real fork, and the OS view agrees with ps. */
class TelemetryForkTest {

    @TempDir
    Path tmp;

    @AfterEach
    void noServerLeftBehind() {
        assertThat(forkedServersAlive()).isEmpty();
    }

    @Test
    void aForkWithNmtReportsHeapBuffersThreadsAndNmtCategories() throws Exception {
        ForkCommand cmd = command(tmp, SYSTEM, HelloHandler.class)
                .jvmOptions(JvmOptions.compose(SMALL_JVM, true)).build();
        try (ServerFork fork = ServerFork.start(cmd, tmp.resolve("nmt.log"))) {
            JvmSnapshot jvm = awaitTelemetry(fork);

            assertThat(jvm.heapCommittedKb()).isGreaterThanOrEqualTo(jvm.heapUsedKb()).isPositive();
            assertThat(jvm.nonHeapCommittedKb()).isGreaterThanOrEqualTo(jvm.nonHeapUsedKb()).isPositive();
            assertThat(jvm.threads()).isGreaterThan(8);
            assertThat(jvm.directKb()).isNotNegative();
            assertThat(jvm.nmtCommittedKb()).isNotNull().isGreaterThan(jvm.heapCommittedKb());
            assertThat(jvm.nmtMallocKb()).isNotNull().isPositive().isLessThan(jvm.nmtCommittedKb());
            assertThat(jvm.nmtCategoriesKb()).containsKeys("Java Heap", "Class", "Thread", "Code", "GC", "Internal",
                    "Other");
            // NMT counts the whole committed heap reservation, the MXBean the usable spaces of it.
            assertThat(jvm.nmtCategoriesKb().get("Java Heap")).isGreaterThanOrEqualTo(jvm.heapCommittedKb())
                    .isGreaterThanOrEqualTo(32 * 1024);

            MemorySample sample;
            try (MemorySampler sampler = new MemorySampler(fork.pid(), Duration.ofMillis(100), null,
                    fork::latestJvmSnapshot)) {
                sampler.start();
                sample = awaitSampleWithJvm(sampler);
            }
            assertThat(sample.outsideNmtKb()).isEqualTo(sample.rssKb() - sample.jvm().nmtCommittedKb());
            assertThat(sample.allocatorGovernedKb()).isEqualTo(sample.jvm().nmtMallocKb() + sample.untrackedNativeKb());
        }
    }

    @Test
    void aForkWithoutNmtReportsTheJvmViewWithoutNmt() throws Exception {
        ForkCommand cmd = command(tmp, SYSTEM, HelloHandler.class)
                .jvmOptions(JvmOptions.compose(SMALL_JVM, false)).build();
        try (ServerFork fork = ServerFork.start(cmd, tmp.resolve("no-nmt.log"))) {
            JvmSnapshot jvm = awaitTelemetry(fork);

            assertThat(jvm.heapCommittedKb()).isPositive();
            assertThat(jvm.nmtCommittedKb()).isNull();
            assertThat(jvm.nmtCategoriesKb()).isEmpty();
            assertThat(jvm.nmtMallocKb()).isNull();
        }
    }

    private static MemorySample awaitSampleWithJvm(MemorySampler sampler) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (deadline - System.nanoTime() > 0) {
            var latest = sampler.latest().filter(s -> s.jvm() != null);
            if (latest.isPresent()) {
                return latest.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no sample with the JVM's telemetry within 60 s");
    }

    private static JvmSnapshot awaitTelemetry(ServerFork fork) throws InterruptedException {
        // The first report follows READY at once; 20 s is for a machine under heavy load.
        for (int i = 0; i < 200 && fork.latestJvmSnapshot() == null; i++) {
            Thread.sleep(100);
        }
        assertThat(fork.latestJvmSnapshot()).as("telemetry from the fork").isNotNull();
        return fork.latestJvmSnapshot();
    }
}
