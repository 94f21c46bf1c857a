package io.github.allocbench.bench;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.allocator.PreloadCheck;
import io.github.allocbench.allocator.PreloadProof;
import io.github.allocbench.allocator.Resolution;
import io.github.allocbench.fork.CpuAffinity;
import io.github.allocbench.fork.ExitStatus;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.ForkException;
import io.github.allocbench.fork.ForkTimeouts;
import io.github.allocbench.fork.ServerFork;
import io.github.allocbench.load.LoadException;
import io.github.allocbench.load.LoadFork;
import io.github.allocbench.load.LoadListener;
import io.github.allocbench.load.LoadSettings;
import io.github.allocbench.memory.CpuTimes;
import io.github.allocbench.memory.ForeignCpu;
import io.github.allocbench.memory.MemorySampler;
import io.github.allocbench.memory.ProcStatus;
import io.github.allocbench.memory.SamplerCost;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.NativeTrim;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RunCpus;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.Validity;
import io.github.allocbench.result.WindowRise;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One run of the bench in two halves, so that the next run can get ready while this one's cooldown is sampled:
 * {@link #prepare} starts the server, proves its preload, starts sampling it, starts the load generator's JVM and
 * runs the unmeasured load warm-up and the idle time; {@link Ready#measure} ramps, holds the load window, samples the
 * cooldown, trims glibc's heap, stops the server and judges the run. A run that ends early ends with a
 * {@link RunResult} that says why, and its forks are stopped on every path.
 */
final class BenchRun {

    private static final String LOOPBACK = "127.0.0.1";
    /** How long glibc may take to walk and trim its arenas; it takes milliseconds to a second. */
    private static final Duration TRIM_TIMEOUT = Duration.ofSeconds(30);
    /** A foreign share of the machine's CPU from which the run's figures are called skewed in the log. */
    private static final double FOREIGN_CPU_WARNING_PERCENT = 10;

    private final BenchConfig config;
    private final BenchLog log;
    private final BooleanSupplier interrupted;

    /**
     * @param interrupted whether the bench was interrupted: its shutdown hook's kill then explains a failure, which
     *                    is recorded as an interruption instead of being blamed on the server
     */
    BenchRun(BenchConfig config, BenchLog log, BooleanSupplier interrupted) {
        this.config = config;
        this.log = log;
        this.interrupted = interrupted;
    }

    /** What a run is told when its cooldown starts; answers whether the next run was started beside it. */
    interface CooldownListener {
        /** Nobody is told: the cooldown is the bench's last or the next run starts after it. */
        CooldownListener NONE = serverRssBytes -> false;

        boolean cooldownStarts(long serverRssBytes);
    }

    /**
     * The run of {@code resolution} on {@code jdk} in {@code trial} up to the end of its idle time: its server up,
     * sampled and warmed up, its load generator waiting for the word to start; or ended early, with the reason.
     */
    Ready prepare(Resolution resolution, BenchJdk jdk, int trial, Path out, OutputPaths paths)
            throws InterruptedException {
        String name = jdk.variant(resolution.name());
        String tag = config.trials() > 1 ? "[" + name + " #" + trial + "] " : "[" + name + "] ";
        if (!resolution.isAvailable()) {
            String reason = ((Resolution.Missing) resolution).message();
            log.warn(tag + "skipped: " + reason);
            return new Ready(tag, RunResult.skipped(resolution.name(), trial, null, reason).toBuilder()
                    .jdk(jdk.jdk()).build());
        }
        Allocator allocator = resolution.allocator();
        String library = allocator.preloads() ? allocator.library().toString() : null;
        Path logFile = paths.resolve("logs/" + name + "-" + trial + ".log");
        RunResult.Builder run = RunResult.builder(resolution.name(), trial).library(library).jdk(jdk.jdk())
                .logFile(out.relativize(logFile).toString());
        ForkCommand command = ForkCommand.builder()
                .javaExecutable(jdk.java())
                .jvmOptions(config.forkJvmOptions())
                .allocator(allocator)
                .classpath(config.classpath().stream().map(Path::of).toList())
                .argFile(paths.resolve("logs/" + name + "-" + trial + ".args"))
                .handler(config.handler())
                .defaultHandler(BenchConfig.DEFAULT_HANDLER)
                .cpus(config.serverCpus())
                .build();
        ForkTimeouts timeouts = new ForkTimeouts(config.startupTimeout(), ForkTimeouts.DEFAULT.stopGrace(),
                ForkTimeouts.DEFAULT.termGrace());
        // The generator's JVM boots while the server starts; it learns the server's port once the server is up.
        LoadFork generator = null;
        String generatorFailure = null;
        try {
            generator = spawnGenerator(paths.resolve("logs/" + name + "-" + trial + "-load.log"));
        } catch (LoadException e) {
            generatorFailure = e.getMessage();
        }
        ServerFork fork;
        try {
            fork = ServerFork.start(command, logFile, timeouts);
        } catch (ForkException e) {
            if (generator != null) {
                generator.close();
            }
            warnFailed(tag, e.getMessage());
            Integer exit = e.exitCode().isPresent() ? e.exitCode().getAsInt() : null;
            return new Ready(tag, run.status(RunStatus.FAILED).exitCode(exit).failure(e.getMessage()).build());
        } catch (RuntimeException | Error e) {
            if (generator != null) {
                generator.close();
            }
            throw e;
        }
        Ready ready = new Ready(tag, allocator, logFile, run, fork, generator);
        try {
            ready.start(generatorFailure);
            return ready;
        } catch (InterruptedException | RuntimeException | Error e) {
            ready.close();
            throw e;
        }
    }

    /** A prepared run; {@link #measure} finishes it and stops its forks. */
    final class Ready implements AutoCloseable {

        private final String tag;
        private final RunResult ended;
        private final Allocator allocator;
        private final Path logFile;
        private final RunResult.Builder run;
        private final ServerFork fork;
        private MemorySampler sampler;
        private LoadFork generator;
        private CompletableFuture<Phase> diedIn;
        private String loadFailure;
        private Phase loadFailedIn;

        private Ready(String tag, RunResult ended) {
            this.tag = tag;
            this.ended = ended;
            this.allocator = null;
            this.logFile = null;
            this.run = null;
            this.fork = null;
        }

        private Ready(String tag, Allocator allocator, Path logFile, RunResult.Builder run, ServerFork fork,
                      LoadFork generator) {
            this.tag = tag;
            this.ended = null;
            this.allocator = allocator;
            this.logFile = logFile;
            this.run = run;
            this.fork = fork;
            this.generator = generator;
        }

        /**
         * Proves the preload, starts sampling, points the generator at the server and runs the warm-up and the idle
         * time; {@code generatorFailure} is why the generator's JVM could not be started, or {@code null}.
         */
        private void start(String generatorFailure) throws InterruptedException {
            long pid = fork.pid();
            String serverCpus = allowedCpus(pid);
            run.pid(pid).cpus(new RunCpus(serverCpus, null));
            boolean proven = false;
            if (allocator.preloads()) {
                proven = PreloadCheck.of(allocator.library()).isMappedIn(pid);
                if (!proven) {
                    fail(allocator.library() + " is not mapped in the server's /proc/" + pid + "/maps, so the "
                            + "dynamic loader ignored LD_PRELOAD. Check that the file is a shared object for "
                            + System.getProperty("os.arch") + "; the loader's warning is in " + logFile + ".");
                    return;
                }
            }
            Optional<String> stray = strayPreload(allocator, pid);
            if (stray.isPresent()) {
                fail("the server does not run the allocator it is named for: " + stray.get());
                return;
            }
            run.preloadVerified(proven);
            log.info(tag + "server pid " + pid + " on " + LOOPBACK + ":" + fork.port() + (proven ? ", preload proven: "
                    + allocator.library() : ", no preload") + ", java " + executableOf(pid)
                    + (config.serverCpus() == null ? "" : ", CPUs " + serverCpus));
            sampler = new MemorySampler(pid, config.sampleInterval(), null, fork::latestJvmSnapshot);
            sampler.setPhase(config.loadWarmup().isZero() ? Phase.IDLE : Phase.WARMUP);
            // Taken when the process ends, not when the bench notices: the load window may hide a death.
            MemorySampler sampling = sampler;
            diedIn = fork.onExit().thenApply(code -> sampling.phase());
            sampler.start();
            if (generatorFailure != null) {
                loadFailure = generatorFailure;
                loadFailedIn = sampler.phase();
                return;
            }
            try {
                generator.target(fork.port());
                // Read once it has connected: its JVM runs, so taskset has applied the pin and exec'd it.
                String generatorCpus = allowedCpus(generator.pid());
                run.cpus(new RunCpus(serverCpus, generatorCpus));
                if (config.generatorCpus() != null) {
                    log.info(tag + "load generator pid " + generator.pid() + ", CPUs " + generatorCpus);
                }
                LoadResult warm = generator.awaitWarmUp();
                if (warm != null) {
                    log.info(tag + "warm-up (not measured): " + Units.count(warm.connectionsOpened())
                            + " connections, " + Units.rate(warm.requestsPerSecond()) + " req/s over "
                            + HumanDuration.format(config.loadWarmup()));
                }
            } catch (LoadException e) {
                loadFailure = e.getMessage();
                loadFailedIn = sampler.phase();
                closeGenerator();
                return;
            }
            sampler.setPhase(Phase.IDLE);
            Thread.sleep(config.idle().toMillis());
        }

        /** Ends the run before its load: {@code reason} is why it failed. */
        private void fail(String reason) {
            warnFailed(tag, reason);
            run.status(RunStatus.FAILED).failure(reason);
        }

        /**
         * Holds the load window, samples the cooldown (telling {@code cooldownListener} when it starts), trims,
         * stops the server and judges the run.
         */
        RunResult measure(CooldownListener cooldownListener) throws InterruptedException {
            if (ended != null) {
                return ended;
            }
            try {
                return finish(cooldownListener);
            } finally {
                close();
            }
        }

        private RunResult finish(CooldownListener cooldownListener) throws InterruptedException {
            if (sampler == null) {
                return run.build();
            }
            long pid = fork.pid();
            LoadResult load = null;
            CpuTimes.CpuUse generatorCpu = null;
            if (loadFailure == null && fork.isAlive()) {
                sampler.setPhase(Phase.RAMP);
                List<Long> ours = List.of(pid, generator.pid(), ProcessHandle.current().pid());
                AtomicReference<Optional<ForeignCpu.Reading>> windowStart = new AtomicReference<>(Optional.empty());
                AtomicReference<CpuTimes> generatorStart = new AtomicReference<>();
                long generatorPid = generator.pid();
                try {
                    load = generator.run(progress(generatorPid, () -> {
                        windowStart.set(ForeignCpu.read(ours));
                        generatorStart.set(cpuNow(generatorPid));
                    }));
                    sampler.setPhase(Phase.COOLDOWN);
                    generatorCpu = cpuSince(generatorStart.get(), generatorPid);
                    load = withForeignCpu(load, ForeignCpu.percent(windowStart.get(), ForeignCpu.read(ours)));
                } catch (LoadException e) {
                    loadFailure = e.getMessage();
                    loadFailedIn = sampler.phase();
                }
            }
            closeGenerator();
            if (!config.cooldown().isZero() && fork.isAlive() && loadFailure == null) {
                boolean shared = cooldownListener.cooldownStarts(rssBytes(pid));
                run.cooldownShared(shared);
                log.info(tag + "cooldown " + HumanDuration.format(config.cooldown())
                        + (shared ? ", the next run's server starting beside it" : ""));
                Thread.sleep(config.cooldown().toMillis());
            }
            List<MemorySample> samples = sampler.stop();
            log.info(tag + samplerCost(sampler.cost()));
            RunSummary summary = RunSummary.of(samples, sampler.failedReads(), sampler.lastFailure().orElse(null));
            if (summary.samplerErrors() > 0) {
                log.warn(tag + summary.samplerErrors() + " memory reads failed; the last: " + summary.samplerError());
            }
            run.samples(samples).summary(summary).load(load);
            if (config.trimAtEnd() && !allocator.preloads() && fork.isAlive() && loadFailure == null) {
                run.trim(trim());
            }
            if (!fork.isAlive()) {
                Integer exit = fork.exitCode().isPresent() ? fork.exitCode().getAsInt() : null;
                Phase phase = phaseOfDeath();
                String reason = "the server died in phase " + phase.label() + " (" + ExitStatus.describe(exit)
                        + "); last lines of " + logFile + ":\n  "
                        + String.join("\n  ", fork.logTail(ServerFork.LOG_TAIL_LINES));
                warnFailed(tag, reason);
                return run.status(RunStatus.FAILED).exitCode(exit).failure(reason).failedPhase(phase).build();
            }
            if (loadFailure != null) {
                String reason = "the load failed in phase " + loadFailedIn.label() + ": " + loadFailure;
                warnFailed(tag, reason);
                fork.stop();
                return run.status(RunStatus.FAILED).failure(reason).failedPhase(loadFailedIn).build();
            }
            fork.stop();
            Validity validity = RunValidity.judge(config, config.validityRules(), run.status(RunStatus.OK).build(),
                    generatorCpu);
            if (!validity.valid()) {
                log.warn(tag + "invalid, so it is neither ranked nor judged: "
                        + String.join("; ", validity.reasons()) + ".");
            } else {
                WindowRise.of(load).ifPresent(rise -> log.warn(tag + "the measured window opened before the load "
                        + "had settled: " + rise.figures() + ", so its req/s and latency describe a start-up "
                        + "transient. " + WindowRise.adviceSentence(config.settle().toMillis())));
            }
            return run.status(RunStatus.OK).validity(validity).build();
        }

        /** Stops what still runs: the generator, the sampler and the server. */
        @Override
        public void close() {
            try {
                closeGenerator();
            } finally {
                try {
                    if (sampler != null) {
                        sampler.close();
                    }
                } finally {
                    if (fork != null) {
                        fork.close();
                    }
                }
            }
        }

        private void closeGenerator() {
            if (generator != null) {
                generator.close();
                generator = null;
            }
        }

        private Phase phaseOfDeath() throws InterruptedException {
            try {
                return diedIn.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The exit is known (isAlive said so); only its callback is late: the current phase is the best guess.
                return sampler.phase();
            }
        }

        /**
         * Asks the server's JVM, after sampling ended, to return glibc's free heap memory to the operating system,
         * and reads the RSS it gave back; {@code null} when the server is gone before the first reading.
         */
        private NativeTrim trim() throws InterruptedException {
            JvmSnapshot jvm = fork.latestJvmSnapshot();
            Long heapResident = jvm == null ? null : jvm.heapResidentKb();
            try {
                long before = ProcStatus.read(fork.pid()).vmRssKb();
                Optional<String> said = fork.trimNativeHeap(TRIM_TIMEOUT);
                if (said.isEmpty()) {
                    log.warn(tag + "the server did not answer the trim of glibc's heap within "
                            + HumanDuration.format(TRIM_TIMEOUT) + ", so what glibc kept unused is not known.");
                    return new NativeTrim(before, null, nativeOf(before, heapResident), "no answer within "
                            + HumanDuration.format(TRIM_TIMEOUT));
                }
                long after = ProcStatus.read(fork.pid()).vmRssKb();
                NativeTrim trim = new NativeTrim(before, after, nativeOf(before, heapResident), said.get());
                log.info(tag + "trim of glibc's heap at the end gave back " + Units.size(trim.reclaimedKb())
                        + " of RSS" + (trim.nativeAfterKb() == null ? "" : ": native RSS "
                        + Units.size(trim.nativeBeforeKb()) + " -> " + Units.size(trim.nativeAfterKb())) + " ("
                        + said.get() + ")");
                return trim;
            } catch (IOException gone) {
                return null;
            }
        }

        /** {@code load} with the foreign CPU share, warned about when it is large enough to skew the figures. */
        private LoadResult withForeignCpu(LoadResult load, Double foreignPercent) {
            if (foreignPercent != null && foreignPercent >= FOREIGN_CPU_WARNING_PERCENT) {
                log.warn(tag + "other processes kept " + Units.percent(foreignPercent) + " of the machine's CPU "
                        + "busy during the load window: its figures measure that contention too. Bench on a quiet "
                        + "machine.");
            }
            return load.withForeignCpuPercent(foreignPercent);
        }

        private LoadListener progress(long generatorPid, Runnable windowOpens) {
            long seconds = Math.max(1, config.duration().toSeconds());
            return new LoadListener() {
                @Override
                public void rampFinished(int connectionsOpened, long rampMs) {
                    sampler.setPhase(Phase.LOAD);
                    windowOpens.run();
                    log.info(tag + Units.count(connectionsOpened) + " of " + Units.count(config.connections())
                            + " connections open after " + Units.millis(rampMs) + " (load generator pid "
                            + generatorPid + ")");
                }

                @Override
                public void second(int second, long responses, int openConnections) {
                    String rss = sampler.latest().map(s -> Units.size(s.rssKb())).orElse("-");
                    log.info(tag + second + "/" + seconds + " s  " + Units.count(responses) + " req/s  "
                            + Units.count(openConnections) + " conns  RSS " + rss);
                }
            };
        }
    }

    /**
     * Logs why a run failed, unless the bench was interrupted: then the shutdown hook's kill is the cause, the run is
     * recorded as interrupted, and a "server died" line would blame the server.
     */
    private void warnFailed(String tag, String reason) {
        if (!interrupted.getAsBoolean()) {
            log.warn(tag + "failed: " + reason);
        }
    }

    /** Starts the load generator's JVM, which waits to be told the server's port; it begins with the warm-up. */
    private LoadFork spawnGenerator(Path logFile) throws LoadException {
        LoadSettings settings = config.loadSettings(LOOPBACK, 0);
        return LoadFork.spawn(ForkCommand.runningJava(), config.generatorJvmOptions(),
                config.generatorClasspath().stream().map(Path::of).toList(), settings, config.loadWarmup(),
                config.loadWarmupConnections(), logFile, config.generatorCpus());
    }

    /** The CPUs process {@code pid} may run on, or {@code null} when they cannot be read (it has exited). */
    private static String allowedCpus(long pid) {
        try {
            return CpuAffinity.allowedCpus(pid);
        } catch (IOException gone) {
            return null;
        }
    }

    /** The RSS of {@code pid} in bytes, or 0 when it cannot be read. */
    private static long rssBytes(long pid) {
        try {
            return ProcStatus.read(pid).vmRssKb() * 1024;
        } catch (IOException gone) {
            return 0;
        }
    }

    /** The executable the process {@code pid} runs, as {@code /proc/<pid>/exe} names it. */
    private static String executableOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
        } catch (IOException | UnsupportedOperationException gone) {
            return "(unknown: /proc/" + pid + "/exe is not readable)";
        }
    }

    private static Long nativeOf(long rssKb, Long heapResidentKb) {
        return heapResidentKb == null ? null : rssKb - heapResidentKb;
    }

    /**
     * Why the server at {@code pid} runs another malloc than {@code allocator}'s, or empty; a server whose files
     * cannot be read has died, which the run reports on its own.
     */
    private static Optional<String> strayPreload(Allocator allocator, long pid) {
        try {
            return PreloadProof.problem(allocator, pid);
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static String samplerCost(SamplerCost cost) {
        return "sampler cost: " + Units.count(cost.reads()) + " reads, " + Units.millis(cost.cpuMillisPerRead())
                + " CPU each (" + Units.millis(cost.cpuMillisPerRollup()) + " with smaps_rollup), "
                + Units.percent(cost.percentOfOneCore()) + " of one core";
    }

    /** The generator's and the machine's CPU times now, or {@code null} when they cannot be read. */
    private static CpuTimes cpuNow(long generatorPid) {
        try {
            return CpuTimes.read(generatorPid);
        } catch (IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * What the generator and the machine used of the CPU from {@code start} until now, or {@code null} when either
     * reading is missing (the generator already gone): the saturation rule is then not applied, which the other
     * rules (rate, responses) still catch the effects of.
     */
    private static CpuTimes.CpuUse cpuSince(CpuTimes start, long generatorPid) {
        CpuTimes now = start == null ? null : cpuNow(generatorPid);
        return now == null ? null : now.since(start);
    }
}
