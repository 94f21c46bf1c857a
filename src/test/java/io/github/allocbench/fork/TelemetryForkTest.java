package io.github.allocbench.fork;

import io.github.allocbench.memory.MemorySampler;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            assertThat(jvm.nmtCategoriesKb()).containsKeys("Java Heap", "Class", "Thread", "Code", "GC", "Internal",
                    "Other");
            // NMT counts the whole committed heap reservation, the MXBean the usable spaces of it.
            assertThat(jvm.nmtCategoriesKb().get("Java Heap")).isGreaterThanOrEqualTo(jvm.heapCommittedKb())
                    .isGreaterThanOrEqualTo(32 * 1024);

            MemorySampler sampler = new MemorySampler(fork.pid(), Duration.ofMillis(100), null,
                    fork::latestJvmSnapshot);
            MemorySample sample = sampler.sampleNow();
            assertThat(sample.jvm()).isNotNull();
            assertThat(sample.outsideNmtKb()).isEqualTo(sample.rssKb() - sample.jvm().nmtCommittedKb());
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
        }
    }

    /**
     * The accuracy check: the sampler's RSS and an independent {@code ps -o rss=} read at the same moment (one
     * sampler read just before ps, one just after) agree within 2 %.
     */
    @Test
    void samplerRssAgreesWithPsWithinTwoPercent() throws Exception {
        ForkCommand cmd = command(tmp, SYSTEM, HelloHandler.class)
                .jvmOptions(JvmOptions.compose(SMALL_JVM, true)).build();
        try (ServerFork fork = ServerFork.start(cmd, tmp.resolve("accuracy.log"))) {
            awaitTelemetry(fork);
            MemorySampler sampler = new MemorySampler(fork.pid(), Duration.ofMillis(250));
            List<String> readings = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long before = sampler.sampleNow().rssKb();
                long ps = psRssKb(fork.pid());
                long after = sampler.sampleNow().rssKb();
                readings.add("sampler " + before + " / ps " + ps + " / sampler " + after + " KiB");

                assertThat(ps).as("ps RSS against the sampler's %d and %d KiB", before, after)
                        .isBetween(Math.round(Math.min(before, after) * 0.98),
                                Math.round(Math.max(before, after) * 1.02));
            }
            System.out.println("[accuracy] " + String.join("; ", readings));
        }
    }

    private static long psRssKb(long pid) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(pid)).redirectErrorStream(true)
                .start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(ps.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Long.parseLong(out);
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
