package io.github.allocbench.bench;

import io.github.allocbench.allocator.CustomAllocator;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.testhandlers.ExitingHandler;
import io.github.allocbench.testhandlers.FlakyHandler;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole bench without Maven: real forked servers, real load, real files. */
class BenchTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<String> logged = log.lines();

    private BenchConfig config(List<String> allocators, List<CustomAllocator> custom, Path out) {
        return config(null, allocators, custom, out);
    }

    private BenchConfig config(String handler, List<String> allocators, List<CustomAllocator> custom, Path out) {
        return small()
                .handler(handler)
                .allocators(allocators)
                .customAllocators(custom)
                .outputDirectory(out).build();
    }


    @Test
    void aLibraryTheLoaderIgnoresFailsItsRunAndTheNextAllocatorStillRuns() throws Exception {
        Path notAnElf = Files.writeString(dir.resolve("libfake.so"), "not a shared object");
        Path out = dir.resolve("out");

        BenchOutcome outcome = new Bench(config(List.of("fake", "system"),
                List.of(CustomAllocator.ofLibrary("fake", notAnElf)), out), "test", log).run();

        List<RunResult> runs = outcome.result().runs();
        assertThat(runs).extracting(RunResult::allocator).containsExactly("fake", "system");
        RunResult fake = runs.get(0);
        assertThat(fake.status()).isEqualTo(RunStatus.FAILED);
        assertThat(fake.preloadVerified()).isFalse();
        assertThat(fake.failure()).contains(notAnElf.toString()).contains("is not mapped in the server's /proc/")
                .contains("ignored LD_PRELOAD");
        assertThat(Files.readString(out.resolve(fake.logFile()))).contains("cannot be preloaded");
        assertThat(outcome.failedRuns()).singleElement().asString().startsWith("fake (trial 1): ");

        RunResult system = runs.get(1);
        assertThat(system.status()).isEqualTo(RunStatus.OK);
        assertThat(system.load().connectionsOpened()).isEqualTo(20);
        assertThat(system.samples()).extracting(s -> s.phase()).contains(Phase.IDLE, Phase.LOAD, Phase.COOLDOWN);
        assertThat(system.summary().idleRssKb()).isPositive();

        BenchResult written = ResultsFile.read(out.resolve("results.json"));
        assertThat(written.runs()).hasSize(2);
        assertThat(out.resolve("index.html")).exists();
        assertThat(out.resolve("samples.csv")).exists();
        assertThat(logged).anyMatch(l -> l.startsWith("WARN [fake] failed: "));
    }

    @Test
    void aHandlerThatThrowsOrAnswers500IsCountedAsErrorsByCauseAndTheRunCompletes() throws Exception {
        BenchOutcome outcome = new Bench(config(FlakyHandler.class.getName(), List.of("system"), List.of(),
                dir.resolve("out")), "test", log).run();

        RunResult run = outcome.result().runs().get(0);
        assertThat(run.status()).isEqualTo(RunStatus.OK);
        assertThat(run.load().requests()).isPositive();
        assertThat(run.load().errors()).isPositive();
        assertThat(run.load().errorsByCause()).containsKey("status 500");
        assertThat(run.load().errorsByCause().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(run.load().errors());
        assertThat(outcome.failedRuns()).isEmpty();
    }

    @Test
    void aServerThatDiesMidRunFailsThatRunWithItsExitCodeAndLogAndTheNextStillRuns() throws Exception {
        BenchOutcome outcome = new Bench(config(ExitingHandler.class.getName(), List.of("system", "glibc-like"),
                List.of(new CustomAllocator("glibc-like", null, Map.of("MALLOC_ARENA_MAX", "2"),
                        List.of())), dir.resolve("out")), "test", log).run();

        assertThat(outcome.result().runs()).hasSize(2).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.failure()).contains("the server died in phase ").contains(" (exit code 3); last lines of ")
                    .contains("[allocbench]");
            assertThat(run.samples()).isNotEmpty();
        });
        assertThat(outcome.failedRuns()).hasSize(2);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains("ServerMain")).filter(p -> outcome.result().runs().stream()
                .anyMatch(r -> r.pid() != null && r.pid() == p.pid()))).isEmpty();
    }

    @Test
    void aServerKilledFromOutsideIsReportedWithTheSignalAndNeverOverlapsTheNextOne() throws Exception {
        List<Long> pids = new ArrayList<>();
        List<String> overlaps = new ArrayList<>();
        BenchLog killer = new BenchLog() {
            @Override
            public void info(String message) {
                logged.add("INFO " + message);
                Matcher m = Pattern.compile("\\] server pid (\\d+) ").matcher(message);
                if (m.find()) {
                    long pid = Long.parseLong(m.group(1));
                    pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                            .forEach(p -> overlaps.add(p + " still alive when " + pid + " started"));
                    pids.add(pid);
                    if (pids.size() == 1) {
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }

            @Override
            public void warn(String message) {
                logged.add("WARN " + message);
            }
        };
        BenchConfig config = small()
                .allocators(List.of("system", "glibc-arena2"))
                .idle(Duration.ofMillis(500))
                .cooldown(Duration.ZERO)
                .outputDirectory(dir.resolve("out")).build();

        BenchOutcome outcome = new Bench(config, "test", killer).run();

        RunResult killed = outcome.result().runs().get(0);
        assertThat(killed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(killed.failedPhase()).isEqualTo(Phase.IDLE);
        assertThat(killed.failure()).contains("exit code 137: killed by signal 9 (SIGKILL)");
        assertThat(outcome.result().runs().get(1).status()).isEqualTo(RunStatus.OK);
        assertThat(pids).hasSize(2);
        assertThat(overlaps).isEmpty();
    }

    @Test
    void aLoadWarmUpRunsBeforeTheIdleBaselineAndIsNotMeasured() throws Exception {
        BenchConfig config = small()
                .allocators(List.of("system"))
                .connections(300)
                .cooldown(Duration.ZERO)
                .outputDirectory(dir.resolve("out"))
                .nativeMemoryTracking(false)
                .request(RequestShape.DEFAULT)
                .loadWarmup(Duration.ofSeconds(1)).build();

        RunResult run = new Bench(config, "test", log).run().result().runs().get(0);

        assertThat(run.status()).isEqualTo(RunStatus.OK);
        List<Phase> order = run.samples().stream().map(s -> s.phase()).distinct().toList();
        assertThat(order).startsWith(Phase.WARMUP, Phase.IDLE).contains(Phase.LOAD);
        assertThat(run.summary().phases()).containsKey("warmup");
        assertThat(logged).anyMatch(l -> l.matches("INFO \\[system\\] warm-up \\(not measured\\): 200 connections, "
                + "[0-9,.]+ req/s over 1s"));
        // The measured load holds all 300 connections; the warm-up used at most 200 and is not in the result.
        assertThat(run.load().connectionsOpened()).isEqualTo(300);
    }

    @Test
    void aLoadGeneratorThatCannotRunFailsItsRunAndKeepsWhatWasSampled() throws Exception {
        // A heap too small for the JVM to start: the generator's JVM exits before it reports.
        BenchConfig config = small()
                .allocators(List.of("system", "glibc-arena2"))
                .cooldown(Duration.ZERO)
                .outputDirectory(dir.resolve("out"))
                .nativeMemoryTracking(false)
                .request(RequestShape.DEFAULT)
                .generatorJvmArgs(List.of("-Xmx1k")).build();

        BenchOutcome outcome = new Bench(config, "test", log).run();

        assertThat(outcome.result().runs()).hasSize(2).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.failedPhase()).isEqualTo(Phase.IDLE);
            assertThat(run.failure()).startsWith("the load failed in phase idle: The load generator's JVM (pid ")
                    .contains("exited with exit code 1 before connecting to the link", "-load.log", "heap");
            assertThat(run.samples()).isNotEmpty();
        });
        assertThat(outcome.failedRuns()).hasSize(2);
        assertThat(dir.resolve("out/logs/system-1-load.log")).exists();
    }

    @Test
    void anUnknownAllocatorIsRefusedBeforeAnyServerStarts() {
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> new Bench(config(List.of("system", "jemaloc"), List.of(), out), "test", log).run())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unknown allocator 'jemaloc'")
                .hasMessageContaining("Known allocators: ")
                .hasMessageContaining("jemalloc, ")
                .hasMessageContaining("mimalloc, ");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsReportedBeforeAnyRun() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path out = file.resolve("allocator-bench");
        assertThatThrownBy(() -> new Bench(config(List.of("system"), List.of(), out), "test", log).run())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(out.toString())
                .hasMessageContaining("<outputDirectory>");
        assertThat(logged).noneMatch(l -> l.contains("[system]"));
    }

    /** A small, quick plan on this JVM's class path; each test sets what it is about. */
    static BenchConfig.Builder small() {
        return BenchConfig.builder().connections(20).duration(Duration.ofSeconds(1)).idle(Duration.ofMillis(300))
                .cooldown(Duration.ofMillis(300)).sampleInterval(Duration.ofMillis(100))
                .jvmArgs(List.of("-Xmx64m", "-XX:+UseSerialGC"))
                .classpath(List.of(System.getProperty("java.class.path").split(":")))
                .loadWarmup(Duration.ZERO).settle(Duration.ZERO);
    }
}
