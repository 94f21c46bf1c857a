package io.github.allocbench.bench;

import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A server that runs out of heap under load: the run fails at once, in its phase, and the next allocator runs. */
class BenchDeathTest {

    @TempDir
    Path out;

    @Test
    void aServerThatDiesUnderLoadFailsItsRunWithExitCodePhaseAndLogAndTheNextAllocatorStillRuns() throws Exception {
        List<String> log = new ArrayList<>();
        // No OOM option in jvmArgs: JvmOptions adds -XX:+ExitOnOutOfMemoryError.
        BenchConfig config = BenchTest.small()
                .handler(HeapEatingHandler.class.getName())
                .allocators(List.of("system", "glibc-arena2"))
                .duration(Duration.ofSeconds(3))
                .idle(Duration.ofMillis(500))
                .cooldown(Duration.ofSeconds(1))
                .sampleInterval(Duration.ofMillis(250))
                .jvmArgs(List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC"))
                .outputDirectory(out)
                .nativeMemoryTracking(false)
                .build();

        BenchOutcome outcome = new Bench(config, "test", new BenchLog() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }
        }).run();

        List<RunResult> runs = outcome.result().runs();
        assertThat(runs).extracting(RunResult::allocator).containsExactly("system", "glibc-arena2");
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.pid()).isNotNull();
            // ExitOnOutOfMemoryError exits with 3.
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.failedPhase()).isIn(Phase.RAMP, Phase.LOAD);
            assertThat(run.failure()).startsWith("the server died in phase " + run.failedPhase().label()
                    + " (exit code 3); last lines of ").contains("Terminating due to java.lang.OutOfMemoryError");
            assertThat(run.samples()).isNotEmpty();
        });
        assertThat(runs.get(0).pid()).isNotEqualTo(runs.get(1).pid());
        assertThat(outcome.failedRuns()).hasSize(2);
        assertThat(config.forkJvmOptions()).containsExactly("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError");
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[system] sampler cost: "));
    }
}
