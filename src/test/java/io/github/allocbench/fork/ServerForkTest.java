package io.github.allocbench.fork;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.allocator.AllocatorCatalog;
import io.github.allocbench.allocator.PreloadCheck;
import io.github.allocbench.allocator.Resolution;
import io.github.allocbench.child.ServerMain;
import io.github.allocbench.memory.MemorySampler;
import io.github.allocbench.memory.ProcStatus;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.units.CpuList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.allocbench.fork.ForkFixture.SYSTEM;
import static io.github.allocbench.fork.ForkFixture.command;
import static io.github.allocbench.fork.ForkFixture.forkedServersAlive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class ServerForkTest {

    private static final ForkTimeouts QUICK =
            new ForkTimeouts(Duration.ofSeconds(20), Duration.ofMillis(500), Duration.ofMillis(500));

    @TempDir
    Path tmp;

    @AfterEach
    void noServerLeftBehind() {
        assertThat(forkedServersAlive()).isEmpty();
    }

    private static HttpResponse<String> get(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsWithTheDefaultHandlerServesAndStopsOnRequest() throws Exception {
        Path log = tmp.resolve("logs/system.log");
        ForkCommand cmd = command(tmp, SYSTEM, null).defaultHandler(HelloHandler.class.getName()).build();
        long pid;
        try (ServerFork fork = ServerFork.start(cmd, log, QUICK)) {
            pid = fork.pid();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(fork.port()).isPositive();
            assertThat(fork.exitCode()).isEmpty();

            HttpResponse<String> response = get(fork.port());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
            assertThat(fork.logTail(20)).anySatisfy(line -> assertThat(line)
                    .contains("serves " + HelloHandler.class.getName() + " at 127.0.0.1:" + fork.port()));
            // The JVM trims glibc's heap on request and says what it gave back, in its own words.
            assertThat(fork.trimNativeHeap(Duration.ofSeconds(60))).hasValueSatisfying(said -> assertThat(said)
                    .startsWith("Trim native heap: RSS+Swap: "));
            assertThat(fork.stop()).isEqualTo(StopOutcome.STOPPED);
            assertThat(fork.exitCode()).hasValue(0);
            assertThat(fork.stop()).isEqualTo(StopOutcome.STOPPED);
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.readString(tmp.resolve("logs/system.args"))).startsWith("-cp\n\"");
    }

    @Test
    void systemRunMapsNoAllocatorLibraryIsSampledAndCloseAloneReapsIt() throws Exception {
        ServerFork fork = ServerFork.start(command(tmp, SYSTEM, HelloHandler.class).build(),
                tmp.resolve("system.log"), QUICK);
        long pid = fork.pid();
        try (fork) {
            String maps = Files.readString(Path.of("/proc", Long.toString(fork.pid()), "maps"));
            assertThat(maps).doesNotContain("jemalloc", "mimalloc", "tcmalloc");

            MemorySampler sampler = new MemorySampler(fork.pid(), Duration.ofMillis(20), null, null);
            sampler.setPhase(Phase.LOAD);
            sampler.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sampler.samples().size() < 5 && deadline - System.nanoTime() > 0) {
                Thread.sleep(5);
            }
            List<MemorySample> samples = sampler.stop();

            assertThat(samples).hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy(s -> {
                        assertThat(s.rssKb()).isPositive();
                        assertThat(s.vszKb()).isGreaterThan(s.rssKb());
                        assertThat(s.phase()).isEqualTo(Phase.LOAD);
                    });
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jemalloc", "mimalloc", "tcmalloc"})
    void preloadedAllocatorIsProvenInTheMaps(String name) throws Exception {
        Resolution resolution = new AllocatorCatalog().resolve(name);
        assumeThat(resolution.isAvailable()).as("%s is installed", name).isTrue();
        Allocator allocator = resolution.allocator();

        try (ServerFork fork = ServerFork.start(command(tmp, allocator, HelloHandler.class).build(),
                tmp.resolve(name + ".log"), QUICK)) {
            assertThat(PreloadCheck.of(allocator.library()).lineInProcess(fork.pid()))
                    .hasValueSatisfying(line -> assertThat(line).contains(name));
            assertThat(get(fork.port()).statusCode()).isEqualTo(200);
            assertThat(ProcStatus.read(fork.pid()).vmRssKb()).isPositive();
        }
    }

    @Test
    void aPinnedServerIsTheJvmTasksetStartedKeepingItsPidItsPreloadAndItsCpus() throws Exception {
        assumeThat(CpuAffinity.findTaskset(System.getenv("PATH"))).as("taskset is installed").isPresent();
        Resolution jemalloc = new AllocatorCatalog().resolve("jemalloc");
        Allocator allocator = jemalloc.isAvailable() ? jemalloc.allocator() : SYSTEM;
        String firstCpu = CpuAffinity.allowedCpusHere().split("[,-]")[0];
        ForkCommand cmd = command(tmp, allocator, HelloHandler.class).cpus(CpuList.parse("cpus", firstCpu)).build();

        // start() compares the pid in READY with the pid it started: taskset must have exec'd the JVM in place.
        try (ServerFork fork = ServerFork.start(cmd, tmp.resolve("pinned.log"), QUICK)) {
            Path proc = Path.of("/proc", Long.toString(fork.pid()));
            assertThat(Files.readString(proc.resolve("cmdline")).split("\0")[0])
                    .isEqualTo(ForkCommand.runningJava().toString());
            assertThat(Files.readSymbolicLink(proc.resolve("exe")).getFileName()).hasToString("java");
            assertThat(CpuAffinity.allowedCpus(fork.pid())).isEqualTo(firstCpu);
            if (allocator.preloads()) {
                assertThat(PreloadCheck.of(allocator.library()).isMappedIn(fork.pid())).isTrue();
            }
            assertThat(get(fork.port()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPinThatTasksetCannotApplyFailsTheStartWithTasksetsOwnWords() {
        assumeThat(CpuAffinity.findTaskset(System.getenv("PATH"))).as("taskset is installed").isPresent();
        ForkCommand cmd = command(tmp, SYSTEM, HelloHandler.class).cpus(CpuList.parse("cpus", "8191")).build();

        assertThatThrownBy(() -> ServerFork.start(cmd, tmp.resolve("unpinnable.log"), QUICK))
                .isInstanceOf(ForkException.class)
                .hasMessageContaining("exited with code 1 before it was ready")
                .hasMessageContaining("taskset: failed to set pid");
    }

    @Test
    void handlerClassThatDoesNotExistFailsNamingTheClass() {
        ForkCommand cmd = command(tmp, SYSTEM, null).handler("com.example.NoSuchHandler").build();

        assertThatThrownBy(() -> ServerFork.start(cmd, tmp.resolve("missing.log"), QUICK))
                .isInstanceOf(ForkException.class)
                .hasMessageStartingWith("The forked server could not start: Handler class com.example.NoSuchHandler"
                        + " was not found on the forked server's classpath. Check <handler>")
                .hasMessageContaining("Last ")
                .satisfies(e -> assertThat(((ForkException) e).exitCode()).hasValue(ServerMain.EXIT_FAILED));
    }

    @Test
    void jvmThatExitsBeforeReadyReportsItsExitCodeAndLog() {
        ForkCommand cmd = command(tmp, new Allocator("system", null, Map.of(),
                List.of("-XX:+NoSuchOptionHere")), HelloHandler.class).build();

        assertThatThrownBy(() -> ServerFork.start(cmd, tmp.resolve("badopt.log"), QUICK))
                .isInstanceOf(ForkException.class)
                .hasMessageStartingWith("The forked server exited with code 1 before it was ready.")
                .hasMessageContaining("NoSuchOptionHere");
    }

    @Test
    void blockingConstructorTimesOutAndTheProcessIsStopped() {
        // Long enough for a JVM to start and log on a slow, busy machine; the constructor never returns anyway.
        ForkTimeouts timeouts = new ForkTimeouts(Duration.ofSeconds(15), Duration.ofMillis(500),
                Duration.ofMillis(500));
        ForkCommand cmd = command(tmp, SYSTEM, BlockingConstructorHandler.class).build();

        assertThatThrownBy(() -> ServerFork.start(cmd, tmp.resolve("blocking.log"), timeouts))
                .isInstanceOf(ForkException.class)
                .hasMessageContaining("was not ready within 15000ms and has been stopped")
                .hasMessageContaining("[allocbench] Creating handler " + BlockingConstructorHandler.class.getName())
                .satisfies(e -> assertThat(((ForkException) e).exitCode()).isEmpty());
        assertThat(forkedServersAlive()).isEmpty();
    }

    @Test
    void serverThatIgnoresStopIsTerminatedAfterTheGrace() throws Exception {
        try (ServerFork fork = ServerFork.start(command(tmp, SYSTEM, SlowStopHandler.class).build(),
                tmp.resolve("slowstop.log"), QUICK)) {
            // TERMINATED: the polite stop was ignored for the whole grace, and SIGTERM ended it.
            assertThat(fork.stop()).isEqualTo(StopOutcome.TERMINATED);
            assertThat(fork.isAlive()).isFalse();
        }
    }

    @Test
    void serverThatAlsoIgnoresSigtermIsKilled() throws Exception {
        ForkCommand cmd = command(tmp, SYSTEM, SlowStopHandler.class)
                .jvmOptions(concat(ForkFixture.SMALL_JVM, "-Dslowstop.blockShutdown=true")).build();
        try (ServerFork fork = ServerFork.start(cmd, tmp.resolve("stubborn.log"), QUICK)) {
            assertThat(fork.stop()).isEqualTo(StopOutcome.KILLED);
            assertThat(fork.isAlive()).isFalse();
            assertThat(fork.exitCode()).hasValue(137);
        }
    }

    private static List<String> concat(List<String> list, String extra) {
        return Stream.concat(list.stream(), Stream.of(extra)).toList();
    }
}
