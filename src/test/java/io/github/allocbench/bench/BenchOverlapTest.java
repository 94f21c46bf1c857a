package io.github.allocbench.bench;

import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next run's server starting while a run's cooldown is sampled ({@code startNextDuringCooldown}): real forks,
 * whose start, exit and liveness are read from the processes themselves.
 */
class BenchOverlapTest {

    private static final Pattern SERVER = Pattern.compile("\\] server pid (\\d+) ");

    @TempDir
    Path dir;

    @Test
    void theNextServerStartsDuringTheCooldownAndItsLoadWaitsUntilThePreviousServerStopped() throws Exception {
        Watch watch = new Watch();
        BenchConfig config = BenchTest.small().allocators(List.of("system", "glibc-arena2"))
                .cooldown(Duration.ofSeconds(2)).outputDirectory(dir.resolve("out")).build();

        BenchOutcome outcome = new Bench(config, "test", watch).run();

        List<RunResult> runs = outcome.result().runs();
        assertThat(runs).extracting(RunResult::status).containsOnly(RunStatus.OK);
        assertThat(runs).extracting(RunResult::cooldownShared).containsExactly(true, false);
        assertThat(watch.servers).hasSize(2);
        Instant firstExit = watch.exits.get(watch.servers.get(0)).get();
        assertThat(watch.starts.get(watch.servers.get(1))).as("second server's start").isBefore(firstExit);
        assertThat(watch.aliveAtWindow).as("servers alive when a load window opened").containsExactly(
                List.of(watch.servers.get(0)), List.of(watch.servers.get(1)));
        assertThat(watch.lines).anyMatch(l -> l.startsWith("INFO [system] cooldown 2s, the next run's server "
                + "starting beside it"));
    }

    @Test
    void withoutOverlapTheNextServerStartsOnlyAfterThePreviousOneStopped() throws Exception {
        Watch watch = new Watch();
        BenchConfig config = BenchTest.small().allocators(List.of("system", "glibc-arena2"))
                .cooldown(Duration.ofSeconds(1)).startNextDuringCooldown(false)
                .outputDirectory(dir.resolve("out")).build();

        BenchOutcome outcome = new Bench(config, "test", watch).run();

        assertThat(outcome.result().runs()).extracting(RunResult::cooldownShared).containsExactly(false, false);
        assertThat(watch.aliveAtStart).as("servers alive when a server was ready").containsExactly(
                List.of(watch.servers.get(0)), List.of(watch.servers.get(1)));
    }

    /** A log that notes each server's start and exit, and which servers were alive when a load window opened. */
    private static final class Watch implements BenchLog {
        final List<String> lines = new ArrayList<>();
        final List<Long> servers = new ArrayList<>();
        final Map<Long, Instant> starts = new ConcurrentHashMap<>();
        final Map<Long, CompletableFuture<Instant>> exits = new ConcurrentHashMap<>();
        final List<List<Long>> aliveAtStart = new ArrayList<>();
        final List<List<Long>> aliveAtWindow = new ArrayList<>();

        @Override
        public synchronized void info(String message) {
            lines.add("INFO " + message);
            Matcher m = SERVER.matcher(message);
            if (m.find()) {
                long pid = Long.parseLong(m.group(1));
                servers.add(pid);
                ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
                starts.put(pid, process.info().startInstant().orElseThrow());
                exits.put(pid, process.onExit().thenApply(gone -> Instant.now()));
                aliveAtStart.add(alive());
            }
            if (message.contains(" connections open after ")) {
                aliveAtWindow.add(alive());
            }
        }

        private List<Long> alive() {
            return servers.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                    .toList();
        }

        @Override
        public synchronized void warn(String message) {
            lines.add("WARN " + message);
        }
    }
}
