package io.github.allocbench.load;

import io.github.allocbench.child.LoadMain;
import io.github.allocbench.fork.CpuAffinity;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.CpuList;

import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The generator in a JVM of its own, as the bench runs it: a real child process, its protocol and its failures. */
class LoadForkTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void runsTheWarmUpAndTheLoadInAJvmOfItsOwnAndRelaysItsProgress() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Handler recording = JsonServer.recording(seen);
        RequestShape shape = new RequestShape("POST", List.of("/a", "/b?q=1"), Map.of("X-Bench", "yes"),
                "{\"k\":1}");
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> childCommandLines = new CopyOnWriteArrayList<>();
        Path log = dir.resolve("logs/system-1-load.log");
        LoadResult warm;
        LoadResult result;
        long childPid;
        try (JsonServer server = JsonServer.start(8, 0, recording);
             LoadFork fork = start(settings(server.port(), 40, 2).withRequest(shape), Duration.ofMillis(500), 10,
                     log)) {
            childPid = fork.pid();
            warm = fork.awaitWarmUp();
            result = fork.run(new LoadListener() {
                @Override
                public void rampFinished(int connectionsOpened, long rampMs) {
                    events.add("ramp " + connectionsOpened);
                    ProcessHandle.of(childPid).flatMap(p -> p.info().commandLine()).ifPresent(childCommandLines::add);
                }

                @Override
                public void second(int second, long responses, int openConnections) {
                    events.add("second " + second + " " + openConnections);
                }
            });
            assertThat(ProcessHandle.of(childPid)).as("alive until closed").isPresent();
        }

        assertThat(childPid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.of(childPid).filter(ProcessHandle::isAlive)).as("gone after close").isEmpty();
        assertThat(childCommandLines).singleElement().asString()
                .contains(LoadMain.class.getName(), "-XX:+UseSerialGC", "-Xmx128m", "--link-port");
        assertThat(warm.connectionsOpened()).isEqualTo(10);
        assertThat(warm.requests()).isPositive();
        assertThat(result.connectionsOpened()).isEqualTo(40);
        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.perSecond()).hasSize(2);
        assertThat(result.generatorJvm()).isEqualTo("own");
        assertThat(result.generatorRssKb()).isPositive();
        assertThat(result.generatorCpuSeconds()).isPositive();
        assertThat(events).containsExactly("ramp 40", "second 1 40", "second 2 40");
        assertThat(seen).contains("POST /a yes {\"k\":1}", "POST /b?q=1 yes {\"k\":1}");
        assertThat(Path.of(log + ".request.json")).content().contains("\"method\":\"POST\"", "X-Bench");
        assertThat(Path.of(log + ".args")).content().startsWith("-cp\n");
    }

    @Test
    @Timeout(60)
    void theChildEndsWhenItsLinkCloses() throws Exception {
        Path log = dir.resolve("orphan.log");
        ProcessHandle child;
        try (JsonServer server = JsonServer.start(4, 200, 0)) {
            LoadFork fork = start(settings(server.port(), 2, 1), Duration.ZERO, 0, log);
            child = ProcessHandle.of(fork.pid()).orElseThrow();
            assertThat(fork.awaitWarmUp()).isNull();
            // Closing the link is what the death of the bench's JVM does to it too, SIGKILL included.
            fork.close();
        }

        assertThat(child.isAlive()).isFalse();
        assertThat(log).content().as("the child's own words, not a kill").contains("the host is gone");
    }

    @Test
    @Timeout(60)
    void aChildThatDiesIsAFailureWithItsExitAndLog() throws Exception {
        try (JsonServer server = JsonServer.start(4, 200, 0);
             LoadFork fork = start(settings(server.port(), 2, 1), Duration.ZERO, 0, dir.resolve("killed.log"))) {
            fork.awaitWarmUp();
            ProcessHandle child = ProcessHandle.of(fork.pid()).orElseThrow();
            child.destroyForcibly();
            // Dead before GO is sent, so that the failure is always the death and never a race with the write.
            child.onExit().get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> fork.run(new LoadListener() {
                @Override
                public void rampFinished(int connectionsOpened, long rampMs) {
                }

                @Override
                public void second(int second, long responses, int openConnections) {
                }
            }))
                    .isInstanceOf(LoadException.class)
                    .hasMessageContaining("pid " + fork.pid())
                    .hasMessageContaining("killed by signal 9 (SIGKILL)")
                    .hasMessageContaining(dir.resolve("killed.log").toString());
        }
    }

    @Test
    @Timeout(60)
    void anErrorInTheChildComesBackAsItsMessage() throws Exception {
        try (JsonServer server = JsonServer.start(4, 200, 0);
             LoadFork fork = start(settings(server.port(), 5_000_000, 1), Duration.ZERO, 0,
                     dir.resolve("fd.log"))) {
            // The measured run's clients start before the generator says WARM, so the refusal comes then.
            assertThatThrownBy(fork::awaitWarmUp)
                    .isInstanceOf(LoadException.class)
                    .hasMessageStartingWith("The load generator failed: 5000000 connections need about")
                    .hasMessageContaining("ulimit -n");
        }
    }

    @Test
    @Timeout(60)
    void startedByHandWithoutALinkItRunsAtOnceAndPrintsItsSummaryLine() throws Exception {
        Path out = dir.resolve("standalone.out");
        try (JsonServer server = JsonServer.start(4, 200, 0)) {
            // As benchmarks/loadgen-vs-peers.sh runs it.
            Process child = new ProcessBuilder(ForkCommand.runningJava().toString(), "-cp",
                    System.getProperty("java.class.path"), LoadMain.class.getName(), "--port",
                    Integer.toString(server.port()), "--connections", "3", "--duration", "1s")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            child.getOutputStream().close();
            assertThat(child.waitFor(50, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(child.exitValue()).as("exit code; output:%n%s", Files.readString(out)).isZero();
        }

        assertThat(out).content()
                .containsPattern("(?m)^allocbench-load connections=3 opened=3 .* rps=[0-9]+ errors=0 ");
    }

    @Test
    void defaultOptionsGrowTheHeapWithTheConnections() {
        assertThat(LoadFork.defaultJvmOptions(10_000))
                .containsExactly("-Xmx256m", "-Xmn128m", "-XX:SurvivorRatio=2", "-XX:+UseSerialGC",
                        "-XX:+ExitOnOutOfMemoryError");
        assertThat(LoadFork.defaultJvmOptions(100)).startsWith("-Xmx128m", "-Xmn64m");
        assertThat(LoadFork.defaultJvmOptions(50_000)).startsWith("-Xmx1280m", "-Xmn640m");
    }

    private static LoadSettings settings(int port, int connections, int seconds) {
        return new LoadSettings("127.0.0.1", port, connections, Duration.ofSeconds(seconds), "/");
    }

    @Test
    @Timeout(120)
    void aPinnedGeneratorIsTheJvmTasksetStartedOnTheCpusAskedFor() throws Exception {
        assumeThat(CpuAffinity.findTaskset(System.getenv("PATH"))).as("taskset is installed").isPresent();
        String lastCpu = CpuAffinity.allowedCpusHere().replaceAll(".*[,-]", "");
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 0, JsonServer.recording(ConcurrentHashMap.newKeySet()));
             LoadFork fork = LoadFork.start(ForkCommand.runningJava(), LoadFork.defaultJvmOptions(10), classpath,
                     settings(server.port(), 10, 1), Duration.ZERO, 10, dir.resolve("pinned-load.log"),
                     CpuList.parse("generatorCpus", lastCpu))) {
            Path proc = Path.of("/proc", Long.toString(fork.pid()));
            assertThat(Files.readSymbolicLink(proc.resolve("exe")).getFileName()).hasToString("java");
            assertThat(Files.readString(proc.resolve("cmdline"))).contains(LoadMain.class.getName());
            assertThat(CpuAffinity.allowedCpus(fork.pid())).isEqualTo(lastCpu);
            assertThat(fork.awaitWarmUp()).isNull();
            result = fork.run(LoadListener.NONE);
        }

        assertThat(result.connectionsOpened()).isEqualTo(10);
        assertThat(result.requests()).isPositive();
    }

    private static LoadFork start(LoadSettings settings, Duration warmup, int warmupConnections, Path log)
            throws LoadException {
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        // Options for at most 1,000 connections: the test that asks for millions only wants the child's refusal.
        return LoadFork.start(ForkCommand.runningJava(),
                LoadFork.defaultJvmOptions(Math.min(settings.connections(), 1_000)),
                classpath, settings, warmup, warmupConnections, log, null);
    }
}
