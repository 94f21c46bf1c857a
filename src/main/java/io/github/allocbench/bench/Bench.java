package io.github.allocbench.bench;

import io.github.allocbench.allocator.AllocatorCatalog;
import io.github.allocbench.allocator.Resolution;
import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.load.LoadPreflight;
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
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
        BenchRun runner = new BenchRun(config, log, this::wasInterrupted);
        List<Planned> plan = plan(resolutions, jdks);
        AtomicReference<CompletableFuture<BenchRun.Ready>> next = new AtomicReference<>();
        try (InterruptSignal signal = InterruptSignal.shutDownOnInterrupt()) {
            for (int i = 0; i < plan.size(); i++) {
                CompletableFuture<BenchRun.Ready> prepared = next.getAndSet(null);
                BenchRun.Ready ready = prepared != null ? await(prepared) : plan.get(i).prepare(runner, out, paths);
                Planned following = i + 1 < plan.size() ? plan.get(i + 1) : null;
                RunResult run = ready.measure(following == null || !config.startNextDuringCooldown()
                        ? BenchRun.CooldownListener.NONE
                        : serverRssBytes -> startBeside(following, serverRssBytes, runner, out, paths, next));
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
            CompletableFuture<BenchRun.Ready> abandoned = next.getAndSet(null);
            if (abandoned != null) {
                // The bench ended early: the run started beside the last one is stopped once it is ready.
                abandoned.thenAccept(BenchRun.Ready::close);
            }
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

    /** One planned run: an allocator on a JDK in a trial. */
    private record Planned(Resolution resolution, BenchJdk jdk, int trial) {
        BenchRun.Ready prepare(BenchRun runner, Path out, OutputPaths paths) throws InterruptedException {
            return runner.prepare(resolution, jdk, trial, out, paths);
        }
    }

    /** Every run in bench order: trials interleaved (A B C A B C), each allocator on each JDK. */
    private List<Planned> plan(List<Resolution> resolutions, List<BenchJdk> jdks) {
        List<Planned> plan = new ArrayList<>();
        for (int trial = 1; trial <= config.trials(); trial++) {
            for (BenchJdk jdk : jdks) {
                for (Resolution resolution : resolutions) {
                    plan.add(new Planned(resolution, jdk, trial));
                }
            }
        }
        return plan;
    }

    /**
     * Starts preparing {@code following} on a thread of its own while the running server's cooldown is sampled, when
     * memory allows a second server of the running one's size beside it; answers whether it started. The cooldown
     * measures memory, which an idle server keeps whatever the CPU does; the drain of the requests in flight before it
     * is left alone (starting a JVM beside it slowed it by a second, towards its 2 s limit). The next load window
     * waits until this server has stopped, because load beside a window would change what the window measures.
     */
    private boolean startBeside(Planned following, long serverRssBytes, BenchRun runner, Path out,
                                OutputPaths paths, AtomicReference<CompletableFuture<BenchRun.Ready>> next) {
        String refusal = MemoryHeadroom.current().refusal(serverRssBytes);
        if (refusal != null) {
            log.info("The next run starts after this one's cooldown, not during it: " + refusal + ".");
            return false;
        }
        CompletableFuture<BenchRun.Ready> ready = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                ready.complete(following.prepare(runner, out, paths));
            } catch (InterruptedException | RuntimeException | Error e) {
                ready.completeExceptionally(e);
            }
        }, "allocbench-next-run");
        thread.setDaemon(true);
        next.set(ready);
        thread.start();
        return true;
    }

    /** The run prepared beside the previous one, once it is ready. */
    private static BenchRun.Ready await(CompletableFuture<BenchRun.Ready> prepared) throws InterruptedException {
        try {
            return prepared.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException interruptedException) {
                throw interruptedException;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private boolean wasInterrupted() {
        synchronized (recording) {
            return interrupted;
        }
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
