package io.github.allocbench.bench;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.allocator.AllocatorCatalog;
import io.github.allocbench.allocator.PreloadCheck;
import io.github.allocbench.allocator.PreloadProof;
import io.github.allocbench.allocator.Resolution;
import io.github.allocbench.fork.ExitStatus;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.ForkException;
import io.github.allocbench.fork.ForkTimeouts;
import io.github.allocbench.fork.ServerFork;
import io.github.allocbench.load.LoadException;
import io.github.allocbench.load.LoadFork;
import io.github.allocbench.load.LoadListener;
import io.github.allocbench.load.LoadPreflight;
import io.github.allocbench.load.LoadSettings;
import io.github.allocbench.memory.CpuTimes;
import io.github.allocbench.memory.MemorySampler;
import io.github.allocbench.memory.SamplerCost;
import io.github.allocbench.report.ConsoleSummary;
import io.github.allocbench.report.ReportWriter;
import io.github.allocbench.report.SamplesCsv;
import io.github.allocbench.report.SummaryMarkdown;
import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.result.Validity;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class Bench {

    private static final String LOOPBACK = "127.0.0.1";

    private final BenchConfig config;
    private final String pluginVersion;
    private final BenchLog log;
    private final ResultCheck check;
    private final ValidityRules validityRules;

    public Bench(BenchConfig config, String pluginVersion, BenchLog log) {
        this(config, pluginVersion, log, ResultCheck.NONE);
    }

    /** A bench whose finished result is judged by {@code check} before the final results and report are written. */
    public Bench(BenchConfig config, String pluginVersion, BenchLog log, ResultCheck check) {
        this(config, pluginVersion, log, check, ValidityRules.DEFAULT);
    }

    /** A bench whose runs are held to {@code validityRules} and whose finished result is judged by {@code check}. */
    public Bench(BenchConfig config, String pluginVersion, BenchLog log, ResultCheck check,
                 ValidityRules validityRules) {
        this.config = config;
        this.pluginVersion = pluginVersion;
        this.log = log;
        this.check = check;
        this.validityRules = validityRules;
    }

    /**
     * Runs every allocator {@code trials} times, interleaved (A B C A B C), writes the output after every run, then
     * lets the gate judge the whole and writes it once more with the verdicts.
     *
     * @throws IllegalArgumentException for an allocator name nobody defined
     * @throws IOException              when the output directory cannot be written
     */
    public BenchOutcome run() throws IOException, InterruptedException {
        AllocatorCatalog catalog = new AllocatorCatalog(AllocatorCatalog.defaultSearchDirs(),
                config.customAllocators());
        List<Resolution> resolutions = new ArrayList<>();
        for (String name : config.allocators()) {
            resolutions.add(catalog.resolve(name));
        }
        log.info(LoadPreflight.checkAndDescribe(config.connections()));
        Path out = config.outputDirectory();
        Path logs = prepareOutput(out);
        ConfigSummary configSummary = new ConfigSummary(config.handlerClass(), config.allocators(),
                config.connections(), config.duration().toMillis(), config.warmup().toMillis(),
                config.cooldown().toMillis(), config.sampleInterval().toMillis(), config.trials(),
                config.forkJvmOptions(), config.loadWarmup().toMillis(), config.rate(), config.generatorJvmOptions(),
                config.request(), config.settle().toMillis());
        BenchEnvironment environment = EnvironmentProbe.current(resolutions.stream()
                .filter(Resolution::isAvailable).map(Resolution::allocator).toList());
        log.info("Benching " + config.handlerClass() + " with " + String.join(", ", config.allocators()) + ": "
                + Units.count(config.connections()) + " connections, " + HumanDuration.format(config.duration())
                + " each, JVM options " + String.join(" ", config.forkJvmOptions()));

        List<RunResult> runs = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        BenchResult result = null;
        Path report = null;
        for (int trial = 1; trial <= config.trials(); trial++) {
            for (Resolution resolution : resolutions) {
                RunResult run = run(resolution, trial, out, logs);
                runs.add(run);
                if (run.status() == RunStatus.FAILED) {
                    failed.add(run.allocator() + " (trial " + run.trial() + "): " + run.failure());
                }
                result = new BenchResult(BenchResult.SCHEMA_VERSION, new BenchResult.PluginInfo(pluginVersion),
                        environment, configSummary, runs, List.of());
                report = write(result, out);
            }
        }
        List<CheckResult> checks = check.check(result);
        if (!checks.isEmpty()) {
            result = new BenchResult(result.schemaVersion(), result.plugin(), result.environment(), result.config(),
                    result.runs(), checks);
            report = write(result, out);
        }
        for (String line : ConsoleSummary.lines(result)) {
            log.info(line);
        }
        log.info("Report: " + report);
        return new BenchOutcome(result, failed, report);
    }

    private RunResult run(Resolution resolution, int trial, Path out, Path logs) throws InterruptedException {
        String name = resolution.name();
        String tag = config.trials() > 1 ? "[" + name + " #" + trial + "] " : "[" + name + "] ";
        if (!resolution.isAvailable()) {
            String reason = ((Resolution.Missing) resolution).message();
            log.warn(tag + "skipped: " + reason);
            return RunResult.skipped(name, trial, null, reason);
        }
        Allocator allocator = resolution.allocator();
        String library = allocator.preloads() ? allocator.library().toString() : null;
        Path logFile = logs.resolve(name + "-" + trial + ".log");
        RunResult.Builder run = RunResult.builder(name, trial).library(library)
                .logFile(out.relativize(logFile).toString());
        ForkCommand command = ForkCommand.builder()
                .jvmOptions(config.forkJvmOptions())
                .allocator(allocator)
                .classpath(config.classpath().stream().map(Path::of).toList())
                .argFile(logs.resolve(name + "-" + trial + ".args"))
                .handler(config.handler())
                .defaultHandler(BenchConfig.DEFAULT_HANDLER)
                .build();
        ForkTimeouts timeouts = new ForkTimeouts(config.startupTimeout(), ForkTimeouts.DEFAULT.stopGrace(),
                ForkTimeouts.DEFAULT.termGrace());
        try (ServerFork fork = ServerFork.start(command, logFile, timeouts)) {
            long pid = fork.pid();
            run.pid(pid);
            boolean proven = false;
            if (allocator.preloads()) {
                proven = PreloadCheck.of(allocator.library()).isMappedIn(pid);
                if (!proven) {
                    String reason = allocator.library() + " is not mapped in the server's /proc/" + pid + "/maps, so "
                            + "the dynamic loader ignored LD_PRELOAD. Check that the file is a shared object for "
                            + System.getProperty("os.arch") + "; the loader's warning is in " + logFile + ".";
                    log.warn(tag + "failed: " + reason);
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
                    + (proven ? ", preload proven: " + library : ", no preload"));
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
                try (LoadFork generator = startGenerator(fork.port(), logs.resolve(name + "-" + trial + "-load.log"))) {
                    LoadResult warm = generator.awaitWarmUp();
                    if (warm != null) {
                        log.info(tag + "warm-up (not measured): " + Units.count(warm.connectionsOpened())
                                + " connections, " + Units.rate(warm.requestsPerSecond()) + " req/s over "
                                + HumanDuration.format(config.loadWarmup()));
                    }
                    sampler.setPhase(Phase.IDLE);
                    Thread.sleep(config.warmup().toMillis());
                    if (fork.isAlive()) {
                        sampler.setPhase(Phase.RAMP);
                        AtomicReference<CpuTimes> windowStart = new AtomicReference<>();
                        load = generator.run(progress(tag, sampler, generator.pid(), windowStart));
                        sampler.setPhase(Phase.COOLDOWN);
                        generatorCpu = cpuSince(windowStart.get(), generator.pid());
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
                if (!fork.isAlive()) {
                    Integer exit = fork.exitCode().isPresent() ? fork.exitCode().getAsInt() : null;
                    Phase phase = phaseOfDeath(diedIn, sampler);
                    String reason = "the server died in phase " + phase.label() + " (" + ExitStatus.describe(exit)
                            + "); last lines of " + logFile + ":\n  "
                            + String.join("\n  ", fork.logTail(ServerFork.LOG_TAIL_LINES));
                    log.warn(tag + "failed: " + reason);
                    return run.status(RunStatus.FAILED).exitCode(exit).failure(reason).failedPhase(phase).build();
                }
                if (loadFailure != null) {
                    String reason = "the load failed in phase " + loadFailedIn.label() + ": " + loadFailure;
                    log.warn(tag + "failed: " + reason);
                    fork.stop();
                    return run.status(RunStatus.FAILED).failure(reason).failedPhase(loadFailedIn).build();
                }
                fork.stop();
                Validity validity = RunValidity.judge(config, validityRules, run.status(RunStatus.OK).build(),
                        generatorCpu);
                if (!validity.valid()) {
                    log.warn(tag + "invalid, so it is neither ranked nor judged: "
                            + String.join("; ", validity.reasons()) + ".");
                }
                return run.status(RunStatus.OK).validity(validity).build();
            }
        } catch (ForkException e) {
            log.warn(tag + "failed: " + e.getMessage());
            Integer exit = e.exitCode().isPresent() ? e.exitCode().getAsInt() : null;
            return run.status(RunStatus.FAILED).pid(null).preloadVerified(false).exitCode(exit)
                    .failure(e.getMessage()).build();
        }
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
        LoadSettings settings = new LoadSettings(LOOPBACK, port, config.connections(), config.duration(), "/")
                .withRequest(config.request()).withRate(config.rate()).withSettle(config.settle())
                .withRequestTimeout(config.requestTimeout());
        return LoadFork.start(ForkCommand.runningJava(), config.generatorJvmOptions(),
                config.generatorClasspath().stream().map(Path::of).toList(), settings, config.loadWarmup(),
                config.loadWarmupConnections(), logFile);
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

    /**
     * What the generator and the machine used of the CPU from {@code start} until now, or {@code null} when either
     * reading is missing (the generator already gone): the saturation rule is then not applied, which the other
     * rules (rate, responses) still catch the effects of.
     */
    private static CpuTimes.CpuUse cpuSince(CpuTimes start, long generatorPid) {
        if (start == null) {
            return null;
        }
        try {
            return CpuTimes.read(generatorPid).since(start);
        } catch (IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    private LoadListener progress(String tag, MemorySampler sampler, long generatorPid,
                                  AtomicReference<CpuTimes> windowStart) {
        long seconds = Math.max(1, config.duration().toSeconds());
        return new LoadListener() {
            @Override
            public void rampFinished(int connectionsOpened, long rampMs) {
                sampler.setPhase(Phase.LOAD);
                try {
                    windowStart.set(CpuTimes.read(generatorPid));
                } catch (IOException | IllegalArgumentException unreadable) {
                    windowStart.set(null);
                }
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
    private static Path prepareOutput(Path out) throws IOException {
        Path logs = out.resolve("logs");
        try {
            Files.createDirectories(logs);
            Files.delete(Files.createTempFile(logs, "write-check", ".tmp"));
        } catch (IOException e) {
            throw new IOException("cannot write the output directory " + out + " (" + e + "). Make it writable or "
                    + "set <outputDirectory> (-Dallocbench.outputDirectory) to a writable directory.", e);
        }
        return logs;
    }

    private static Path write(BenchResult result, Path out) throws IOException {
        ResultsFile.write(result, out.resolve(ResultsFile.NAME));
        SamplesCsv.write(result, out.resolve(SamplesCsv.NAME));
        SummaryMarkdown.write(result, out);
        return new ReportWriter().write(result, out);
    }
}
