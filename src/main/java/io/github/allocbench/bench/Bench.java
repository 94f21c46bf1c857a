package io.github.allocbench.bench;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.allocator.AllocatorCatalog;
import io.github.allocbench.allocator.PreloadCheck;
import io.github.allocbench.allocator.PreloadProof;
import io.github.allocbench.allocator.Resolution;
import io.github.allocbench.fork.CpuAffinity;
import io.github.allocbench.fork.ExitStatus;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.ForkException;
import io.github.allocbench.fork.ForkTimeouts;
import io.github.allocbench.fork.ServerFork;
import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.load.LoadException;
import io.github.allocbench.load.LoadFork;
import io.github.allocbench.load.LoadListener;
import io.github.allocbench.load.LoadPreflight;
import io.github.allocbench.load.LoadSettings;
import io.github.allocbench.memory.CpuTimes;
import io.github.allocbench.memory.ForeignCpu;
import io.github.allocbench.memory.MemorySampler;
import io.github.allocbench.memory.ProcStatus;
import io.github.allocbench.memory.SamplerCost;
import io.github.allocbench.report.BenchmarkTrend;
import io.github.allocbench.report.ConsoleSummary;
import io.github.allocbench.report.JunitReport;
import io.github.allocbench.report.ReportWriter;
import io.github.allocbench.report.SamplesCsv;
import io.github.allocbench.report.StepSummary;
import io.github.allocbench.report.SummaryMarkdown;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.NativeTrim;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunCpus;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.Validity;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one bench: for each allocator a fresh forked server, its preload proven, the load held against it while its
 * memory is sampled, and the results, samples and report rewritten after every run so that nothing measured is lost
 * when a later run breaks.
 *
 * <p>It is the longest class because it is the pipeline's one place of shared state: the machine lock, the
 * interruption hook and the runs recorded so far must be seen by the loop, the hook and every write alike; each
 * step's logic lives in a class of its own ({@code BenchGate}, {@code RunValidity}, {@code DiskSpace},
 * {@code OutputPaths}, the forks).
 */
public final class Bench {

    private static final String LOOPBACK = "127.0.0.1";
    /** How long glibc may take to walk and trim its arenas; it takes milliseconds to a second. */
    private static final Duration TRIM_TIMEOUT = Duration.ofSeconds(30);
    /** A foreign share of the machine's CPU from which the run's figures are called skewed in the log. */
    private static final double FOREIGN_CPU_WARNING_PERCENT = 10;

    private final BenchConfig config;
    private final String pluginVersion;
    private final BenchLog log;
    private final BenchSite site;
    private final Object recording = new Object();
    private boolean interrupted;
    private IOException writeFailure;

    public Bench(BenchConfig config, String pluginVersion, BenchLog log) {
        this(config, pluginVersion, log, BenchSite.of(null));
    }

    /** A bench run at {@code site}: its project, module, machine lock and disk. */
    public Bench(BenchConfig config, String pluginVersion, BenchLog log, BenchSite site) {
        this.config = config;
        this.pluginVersion = pluginVersion;
        this.log = site.module() == null ? log : tagged(log, "[" + site.module() + "] ");
        this.site = site;
    }

    /**
     * Runs every allocator {@code trials} times, interleaved (A B C A B C), writes the output after every run, then
     * lets the gate judge the whole and writes it once more with the checks. Holds the machine's bench lock
     * throughout; when it had to wait for a bench writing to the same output directory, it writes beside it
     * ({@code allocator-bench-2}) so that both results are kept. On SIGINT or SIGTERM the results written so far
     * are marked interrupted, with every planned run that did not finish.
     *
     * @throws ConfigurationException for an allocator name nobody defined, a custom library that proves nothing, a
     *                                rule on an allocator not benched, an unusable baseline file or a CPU pin this
     *                                machine cannot apply, all before any server starts
     * @throws MachineBusyException   when another bench held the machine for longer than the lock timeout
     * @throws IOException            when the output directory cannot be written or its disk is too full; the
     *                                closing table was printed all the same
     */
    public BenchOutcome run() throws IOException, InterruptedException {
        BenchGate gate = BenchGate.prepare(config, log);
        AllocatorCatalog catalog = new AllocatorCatalog(AllocatorCatalog.defaultSearchDirs(),
                config.customAllocators());
        List<Resolution> resolutions = new ArrayList<>();
        for (String name : config.allocators()) {
            resolutions.add(catalog.resolve(name));
        }
        List<BenchJdk> jdks = BenchJdk.probe(config.jdks());
        CpuPlacement.requireUsableHere(config.serverCpus(), config.generatorCpus());
        log.info(LoadPreflight.checkAndDescribe(config.connections()));
        Path requested = config.outputDirectory().toAbsolutePath().normalize();
        BenchLock.Owner me = new BenchLock.Owner(ProcessHandle.current().pid(), site.project(), requested,
                Instant.now());
        try (BenchLock lock = BenchLock.acquire(site.lockDirectory(), me, site.lockTimeout(), log::warn)) {
            Path out = requested;
            if (lock.waitedFor().stream().anyMatch(o -> o.output().equals(requested))) {
                out = beside(requested);
                log.warn("The bench this one waited for wrote to " + requested + "; this bench writes to " + out
                        + " so that both results are kept.");
            }
            return measure(resolutions, jdks, out, gate);
        }
    }

    private BenchOutcome measure(List<Resolution> resolutions, List<BenchJdk> jdks, Path out, BenchGate gate)
            throws IOException, InterruptedException {
        prepareOutput(out);
        DiskSpace.Check space = DiskSpace.check(out, config, site.freeSpace());
        if (space.tight()) {
            log.warn("The output directory " + out + " has " + Units.sizeOfBytes(space.freeBytes()) + " free; this "
                    + "bench needs about " + Units.sizeOfBytes(space.neededBytes()) + ". Free some space there.");
        }
        OutputPaths paths = new OutputPaths(out);
        ConfigSummary configSummary = config.summary().withJdks(jdks.stream().map(BenchJdk::jdk).toList());
        BenchEnvironment environment = EnvironmentProbe.current(resolutions.stream()
                .filter(Resolution::isAvailable).map(Resolution::allocator).toList());
        log.info("Benching " + config.handlerClass() + " with " + String.join(", ", config.allocators()) + ": "
                + Units.count(config.connections()) + " connections, " + HumanDuration.format(config.duration())
                + " each, JVM options " + String.join(" ", config.forkJvmOptions()));
        for (BenchJdk jdk : jdks) {
            log.info("Server JDK " + jdk.describe());
        }
        if (config.serverCpus() != null || config.generatorCpus() != null) {
            log.info("CPU placement: " + configSummary.cpuPlacement() + " (taskset -c); Maven's JVM is not pinned");
        }

        List<RunResult> runs = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Thread onSignal = new Thread(() -> recordInterruption(resolutions, jdks, runs, environment, configSummary,
                out),
                "allocbench-interruption");
        Runtime.getRuntime().addShutdownHook(onSignal);
        BenchResult result = null;
        Path report = null;
        GateOutcome judged;
        try (InterruptSignal signal = InterruptSignal.shutDownOnInterrupt()) {
            for (int trial = 1; trial <= config.trials(); trial++) {
                for (BenchJdk jdk : jdks) {
                    for (Resolution resolution : resolutions) {
                        RunResult run = run(resolution, jdk, trial, out, paths);
                        synchronized (recording) {
                            if (interrupted) {
                                throw new InterruptedException("the bench was interrupted; " + out.resolve(
                                        ResultsFile.NAME) + " records the runs that finished");
                            }
                            runs.add(run);
                            if (run.status() == RunStatus.FAILED) {
                                failed.add(run.variant() + " (trial " + run.trial() + "): " + run.failure());
                            }
                            result = new BenchResult(BenchResult.SCHEMA_VERSION,
                                    new BenchResult.PluginInfo(pluginVersion), environment, configSummary, runs,
                                    List.of());
                            report = write(result, out);
                        }
                    }
                }
            }
            synchronized (recording) {
                judged = gate.judge(result);
                if (judged != null) {
                    result = new BenchResult(result.schemaVersion(), result.plugin(), result.environment(),
                            result.config(), result.runs(), judged.checks(), false, judged.unjudged());
                    report = write(result, out);
                }
                for (String line : ConsoleSummary.lines(result)) {
                    log.info(line);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: it owns the final write.
            }
        }
        if (writeFailure != null) {
            throw new IOException(writeFailure.getMessage() + " The figures above were measured but not all of "
                    + "them could be saved.", writeFailure);
        }
        log.info("Report: " + report);
        ciOutputs(result, out);
        gate.log(judged, log);
        return new BenchOutcome(result, failed, report, judged, config.failOnViolation());
    }

    /**
     * Run by the shutdown hook on SIGINT or SIGTERM: writes the finished runs with every planned run that did not
     * finish as {@code interrupted}, and prints the closing table, so the record says what happened.
     */
    private void recordInterruption(List<Resolution> resolutions, List<BenchJdk> jdks, List<RunResult> runs,
                                    BenchEnvironment environment, ConfigSummary configSummary, Path out) {
        synchronized (recording) {
            interrupted = true;
            List<RunResult> all = new ArrayList<>(runs);
            for (int trial = 1; trial <= config.trials(); trial++) {
                for (BenchJdk jdk : jdks) {
                    for (Resolution resolution : resolutions) {
                        int t = trial;
                        String variant = jdk.variant(resolution.name());
                        if (runs.stream().noneMatch(r -> r.variant().equals(variant) && r.trial() == t)) {
                            all.add(RunResult.interrupted(resolution.name(), trial,
                                    "the bench was interrupted (SIGINT or SIGTERM) before this run finished")
                                    .toBuilder().jdk(jdk.jdk()).build());
                        }
                    }
                }
            }
            BenchResult result = new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo(
                    pluginVersion), environment, configSummary, all, List.of(), true);
            log.warn("Interrupted: " + out.resolve(ResultsFile.NAME) + " records " + runs.size() + " finished run(s)"
                    + " and " + (all.size() - runs.size()) + " interrupted one(s).");
            write(result, out);
            for (String line : ConsoleSummary.lines(result)) {
                log.info(line);
            }
        }
    }

    /**
     * Logs why a run failed, unless the bench was interrupted: then the shutdown hook's kill is the cause, the run is
     * recorded as interrupted, and a "server died" line would blame the server.
     */
    private void warnFailed(String tag, String reason) {
        synchronized (recording) {
            if (interrupted) {
                return;
            }
        }
        log.warn(tag + "failed: " + reason);
    }

    /** The first sibling of {@code out} that does not exist yet: {@code out-2}, {@code out-3} ... */
    private static Path beside(Path out) {
        for (int n = 2; ; n++) {
            Path candidate = out.resolveSibling(out.getFileName() + "-" + n);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private static BenchLog tagged(BenchLog log, String tag) {
        return new BenchLog() {
            @Override
            public void info(String message) {
                log.info(tag + message);
            }

            @Override
            public void warn(String message) {
                log.warn(tag + message);
            }

            @Override
            public void error(String message) {
                log.error(tag + message);
            }
        };
    }

    private RunResult run(Resolution resolution, BenchJdk jdk, int trial, Path out, OutputPaths paths)
            throws InterruptedException {
        String name = jdk.variant(resolution.name());
        String tag = config.trials() > 1 ? "[" + name + " #" + trial + "] " : "[" + name + "] ";
        if (!resolution.isAvailable()) {
            String reason = ((Resolution.Missing) resolution).message();
            log.warn(tag + "skipped: " + reason);
            return RunResult.skipped(resolution.name(), trial, null, reason).toBuilder().jdk(jdk.jdk()).build();
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
        try (ServerFork fork = ServerFork.start(command, logFile, timeouts)) {
            long pid = fork.pid();
            String serverCpus = allowedCpus(pid);
            run.pid(pid).cpus(new RunCpus(serverCpus, null));
            boolean proven = false;
            if (allocator.preloads()) {
                proven = PreloadCheck.of(allocator.library()).isMappedIn(pid);
                if (!proven) {
                    String reason = allocator.library() + " is not mapped in the server's /proc/" + pid + "/maps, so "
                            + "the dynamic loader ignored LD_PRELOAD. Check that the file is a shared object for "
                            + System.getProperty("os.arch") + "; the loader's warning is in " + logFile + ".";
                    warnFailed(tag, reason);
                    return run.status(RunStatus.FAILED).failure(reason).build();
                }
            }
            Optional<String> stray = strayPreload(allocator, pid);
            if (stray.isPresent()) {
                String reason = "the server does not run the allocator it is named for: " + stray.get();
                log.warn(tag + "failed: " + reason);
                return run.status(RunStatus.FAILED).failure(reason).build();
            }
            run.preloadVerified(proven);
            log.info(tag + "server pid " + pid + " on " + LOOPBACK + ":" + fork.port()
                    + (proven ? ", preload proven: " + library : ", no preload") + ", java " + executableOf(pid)
                    + (config.serverCpus() == null ? "" : ", CPUs " + serverCpus));
            try (MemorySampler sampler = new MemorySampler(pid, config.sampleInterval(), null,
                    fork::latestJvmSnapshot)) {
                sampler.setPhase(config.loadWarmup().isZero() ? Phase.IDLE : Phase.WARMUP);
                // Taken when the process ends, not when the bench notices: the load window may hide a death.
                CompletableFuture<Phase> diedIn = fork.onExit().thenApply(code -> sampler.phase());
                sampler.start();
                LoadResult load = null;
                CpuTimes.CpuUse generatorCpu = null;
                String loadFailure = null;
                Phase loadFailedIn = null;
                try (LoadFork generator = startGenerator(fork.port(),
                paths.resolve("logs/" + name + "-" + trial + "-load.log"))) {
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
                    sampler.setPhase(Phase.IDLE);
                    Thread.sleep(config.idle().toMillis());
                    if (fork.isAlive()) {
                        sampler.setPhase(Phase.RAMP);
                        List<Long> ours = List.of(pid, generator.pid(), ProcessHandle.current().pid());
                        AtomicReference<Optional<ForeignCpu.Reading>> windowStart =
                                new AtomicReference<>(Optional.empty());
                        AtomicReference<CpuTimes> generatorStart = new AtomicReference<>();
                        long generatorPid = generator.pid();
                        load = generator.run(progress(tag, sampler, generatorPid, () -> {
                            windowStart.set(ForeignCpu.read(ours));
                            generatorStart.set(cpuNow(generatorPid));
                        }));
                        sampler.setPhase(Phase.COOLDOWN);
                        generatorCpu = cpuSince(generatorStart.get(), generatorPid);
                        load = withForeignCpu(tag, load, ForeignCpu.percent(windowStart.get(),
                                ForeignCpu.read(ours)));
                    }
                } catch (LoadException e) {
                    loadFailure = e.getMessage();
                    loadFailedIn = sampler.phase();
                }
                if (!config.cooldown().isZero() && fork.isAlive() && loadFailure == null) {
                    log.info(tag + "cooldown " + HumanDuration.format(config.cooldown()));
                    Thread.sleep(config.cooldown().toMillis());
                }
                List<MemorySample> samples = sampler.stop();
                log.info(tag + samplerCost(sampler.cost()));
                RunSummary summary = RunSummary.of(samples, sampler.failedReads(),
                        sampler.lastFailure().orElse(null));
                if (summary.samplerErrors() > 0) {
                    log.warn(tag + summary.samplerErrors() + " memory reads failed; the last: "
                            + summary.samplerError());
                }
                run.samples(samples).summary(summary).load(load);
                if (config.trimAtEnd() && !allocator.preloads() && fork.isAlive() && loadFailure == null) {
                    run.trim(trim(tag, fork));
                }
                if (!fork.isAlive()) {
                    Integer exit = fork.exitCode().isPresent() ? fork.exitCode().getAsInt() : null;
                    Phase phase = phaseOfDeath(diedIn, sampler);
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
                }
                return run.status(RunStatus.OK).validity(validity).build();
            }
        } catch (ForkException e) {
            warnFailed(tag, e.getMessage());
            Integer exit = e.exitCode().isPresent() ? e.exitCode().getAsInt() : null;
            return run.status(RunStatus.FAILED).pid(null).preloadVerified(false).exitCode(exit)
                    .failure(e.getMessage()).build();
        }
    }

    /** The CPUs process {@code pid} may run on, or {@code null} when they cannot be read (it has exited). */
    private static String allowedCpus(long pid) {
        try {
            return CpuAffinity.allowedCpus(pid);
        } catch (IOException gone) {
            return null;
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

    /**
     * Asks the server's JVM, after sampling ended, to return glibc's free heap memory to the operating system, and
     * reads the RSS it gave back; {@code null} when the server is gone before the first reading.
     */
    private NativeTrim trim(String tag, ServerFork fork) throws InterruptedException {
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

    /** Starts the load generator's JVM against the server on {@code port}; it begins with the load warm-up. */
    private LoadFork startGenerator(int port, Path logFile) throws LoadException {
        LoadSettings settings = config.loadSettings(LOOPBACK, port);
        return LoadFork.start(ForkCommand.runningJava(), config.generatorJvmOptions(),
                config.generatorClasspath().stream().map(Path::of).toList(), settings, config.loadWarmup(),
                config.loadWarmupConnections(), logFile, config.generatorCpus());
    }

    private static Phase phaseOfDeath(CompletableFuture<Phase> diedIn, MemorySampler sampler)
            throws InterruptedException {
        try {
            return diedIn.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The exit is known (isAlive said so); only its callback is late: the current phase is the best guess.
            return sampler.phase();
        }
    }

    private static String samplerCost(SamplerCost cost) {
        return "sampler cost: " + Units.count(cost.reads()) + " reads, " + Units.millis(cost.cpuMillisPerRead())
                + " CPU each (" + Units.millis(cost.cpuMillisPerRollup()) + " with smaps_rollup), "
                + Units.percent(cost.percentOfOneCore()) + " of one core";
    }

    /** {@code load} with the foreign CPU share, warned about when it is large enough to skew the figures. */
    private LoadResult withForeignCpu(String tag, LoadResult load, Double foreignPercent) {
        if (load == null) {
            return null;
        }
        if (foreignPercent != null && foreignPercent >= FOREIGN_CPU_WARNING_PERCENT) {
            log.warn(tag + "other processes kept " + Units.percent(foreignPercent) + " of the machine's CPU busy "
                    + "during the load window: its figures measure that contention too. Bench on a quiet machine.");
        }
        return load.withForeignCpuPercent(foreignPercent);
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

    private LoadListener progress(String tag, MemorySampler sampler, long generatorPid, Runnable windowOpens) {
        long seconds = Math.max(1, config.duration().toSeconds());
        return new LoadListener() {
            @Override
            public void rampFinished(int connectionsOpened, long rampMs) {
                sampler.setPhase(Phase.LOAD);
                windowOpens.run();
                log.info(tag + Units.count(connectionsOpened) + " of " + Units.count(config.connections())
                        + " connections open after " + Units.millis(rampMs) + " (load generator pid " + generatorPid
                        + ")");
            }

            @Override
            public void second(int second, long responses, int openConnections) {
                String rss = sampler.latest().map(s -> Units.size(s.rssKb())).orElse("-");
                log.info(tag + second + "/" + seconds + " s  " + Units.count(responses) + " req/s  "
                        + Units.count(openConnections) + " conns  RSS " + rss);
            }
        };
    }

    /** Creates the output and log directories and proves they can be written, before any server starts. */
    private static void prepareOutput(Path out) throws IOException {
        Path logs = out.resolve("logs");
        try {
            Files.createDirectories(logs);
            Files.delete(Files.createTempFile(logs, "write-check", ".tmp"));
        } catch (IOException e) {
            throw new IOException("cannot write the output directory " + out + " (" + e + "). Make it writable or "
                    + "set <outputDirectory> (-Dallocbench.outputDirectory) to a writable directory.", e);
        }
    }

    /**
     * Writes results, samples, summary and report; a file that cannot be written is named in the log and remembered,
     * and the bench goes on, so that the runs still to come are measured and the closing table is printed.
     */
    private Path write(BenchResult result, Path out) {
        Path results = out.resolve(ResultsFile.NAME);
        save(results, () -> ResultsFile.write(result, results));
        Path samples = out.resolve(SamplesCsv.NAME);
        save(samples, () -> SamplesCsv.write(result, samples));
        save(out.resolve(SummaryMarkdown.NAME), () -> SummaryMarkdown.write(result, out));
        Path[] report = new Path[1];
        save(out.resolve("index.html"), () -> report[0] = new ReportWriter().write(result, out));
        save(out.resolve(JunitReport.NAME), () -> JunitReport.write(result, out));
        save(out.resolve(BenchmarkTrend.SMALLER), () -> BenchmarkTrend.write(result, out));
        return report[0];
    }

    /**
     * Says which allocators the trend files leave out, and appends {@code summary.md} to the GitHub Actions job
     * summary when the bench runs in a job; once, at the end, because the job summary is appended to, not replaced.
     */
    private void ciOutputs(BenchResult result, Path out) {
        List<String> leftOut = BenchmarkTrend.leftOut(result);
        if (!leftOut.isEmpty()) {
            log.info("Left out of " + BenchmarkTrend.SMALLER + " and " + BenchmarkTrend.BIGGER + ", having no valid "
                    + "run to measure a trend with: " + String.join("; ", leftOut));
        }
        try {
            StepSummary.append(out.resolve(SummaryMarkdown.NAME), site.environment())
                    .ifPresent(file -> log.info("Appended " + SummaryMarkdown.NAME + " to the job summary "
                            + StepSummary.VARIABLE + "=" + file));
        } catch (IOException e) {
            log.warn("Cannot append " + SummaryMarkdown.NAME + " to the job summary " + StepSummary.VARIABLE + " ("
                    + e + "); the results are in " + out + ".");
        }
    }

    private interface Save {
        void run() throws IOException;
    }

    private void save(Path file, Save save) {
        try {
            save.run();
        } catch (IOException | RuntimeException e) {
            String message = "cannot write " + file + " (" + e + ")";
            log.warn(message + ". The bench goes on and prints its figures to the console.");
            if (writeFailure == null) {
                writeFailure = new IOException(message + ". Free space there or set <outputDirectory> "
                        + "(-Dallocbench.outputDirectory) to a writable disk with room.", e);
            }
        }
    }
}
