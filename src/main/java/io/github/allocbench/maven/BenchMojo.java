package io.github.allocbench.maven;

import io.github.allocbench.allocator.CustomAllocator;
import io.github.allocbench.bench.Bench;
import io.github.allocbench.bench.BenchConfig;
import io.github.allocbench.bench.BenchLog;
import io.github.allocbench.bench.BenchOutcome;
import io.github.allocbench.bench.ResultCheck;
import io.github.allocbench.bench.ValidityRules;
import io.github.allocbench.bench.Workload;
import io.github.allocbench.gate.Baseline;
import io.github.allocbench.gate.Gate;
import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.gate.GateRules;
import io.github.allocbench.gate.Limit;
import io.github.allocbench.gate.MaxIncrease;
import io.github.allocbench.gate.ViolationTable;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanDuration;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Benches the project's Jetty {@code Handler} once per configured allocator: each run starts the handler in a fresh
 * forked JVM with the allocator preloaded, holds {@code connections} keep-alive connections against it for
 * {@code duration}, samples the server's memory, and writes {@code results.json}, {@code samples.csv} and an HTML
 * report to {@code outputDirectory}.
 *
 * @since 0.1.0
 */
@Mojo(name = "bench", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class BenchMojo extends AbstractAllocbenchMojo {

    /**
     * Fully qualified name of the {@code org.eclipse.jetty.server.Handler} to bench; it needs a public no-arg
     * constructor. Without it, the plugin's built-in JSON API handler is benched.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.handler")
    String handler;

    /**
     * Built-in workload to bench when the project names no {@code handler}: {@code json} (a small JSON API, the
     * default), {@code compression} (a gzip deflater per response), {@code churn} (native blocks of 512 B–256 KiB
     * freed by other threads, where allocators differ most) or {@code mixed}. Setting it together with
     * {@code handler} is an error.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.workload")
    String workload;

    /**
     * Allocators to bench, in order: built-in {@code system} (the C library's malloc), {@code jemalloc},
     * {@code mimalloc}, {@code tcmalloc}, {@code glibc-arena2} (glibc with {@code MALLOC_ARENA_MAX=2}),
     * {@code glibc-trim} (glibc with {@code -XX:TrimNativeHeapInterval=1000}, where the JVM has it), the
     * return-to-OS profiles {@code jemalloc-return}, {@code mimalloc-return}, {@code tcmalloc-return}, or a name
     * defined in {@code customAllocators}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.allocators", defaultValue = "system,jemalloc,mimalloc")
    List<String> allocators;

    /**
     * Allocators defined here, each with a {@code name}, a {@code library} to preload, an {@code environment} and
     * {@code jvmArgs}. They are benched after {@code allocators}; one with a built-in name replaces it.
     *
     * @since 0.1.0
     */
    @Parameter
    List<AllocatorDefinition> customAllocators = new ArrayList<>();

    /**
     * Concurrent keep-alive connections held against the server during the load.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.connections", defaultValue = "10000")
    int connections;

    /**
     * Requests per second to send over all connections, as an open loop: each connection sends on a fixed schedule
     * whether or not the server keeps up, and latencies count from each request's intended send time, so a slow
     * server's queueing shows in them (corrected for coordinated omission, as wrk2 does). {@code 0} is a closed loop:
     * each connection sends its next request as soon as the previous response is in, as wrk and autocannon do.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.rate", defaultValue = "0")
    double rate;

    /**
     * HTTP method of the load's requests, e.g. {@code GET}, {@code POST}, {@code PUT}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.requestMethod", defaultValue = "GET")
    String requestMethod;

    /**
     * Paths the load requests, each starting with {@code /} and optionally with a query
     * ({@code <requestPaths><path>/api/items</path><path>/api/items/42?full=true</path></requestPaths>}, or
     * {@code -Dallocbench.requestPaths=/a,/b}). Each connection cycles through them, starting at a different one, so
     * all are requested throughout the run. Without it every request is to {@code /}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.requestPaths")
    List<String> requestPaths = new ArrayList<>();

    /**
     * Extra headers of every request, name to value
     * ({@code <requestHeaders><Accept>application/json</Accept></requestHeaders>}). {@code Host},
     * {@code Content-Length}, {@code Connection} and {@code Transfer-Encoding} are set by the load generator and
     * refused here; a {@code Content-Type} is used for the body.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> requestHeaders = new LinkedHashMap<>();

    /**
     * Body of every request, sent as UTF-8 with {@code Content-Length} (and the {@code Content-Type} of
     * {@code requestHeaders}, else {@code application/octet-stream}). Without it requests have no body.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.requestBody")
    String requestBody;

    /**
     * Length of the measured load window, after all connections are open: {@code 500ms}, {@code 10s}, {@code 2m}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.duration", defaultValue = "10s")
    String duration;

    /**
     * Unmeasured load on each fresh server (up to 200 connections) before its idle phase, sampled as phase
     * {@code warmup}: a forked JVM starts cold, and without it the first seconds of the measured window time the JIT
     * compiler rather than the server. {@code 0s} turns it off.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.loadWarmup", defaultValue = "5s")
    String loadWarmup;

    /**
     * How long the load runs at full size after the ramp, unmeasured, before the measured window opens, sampled as
     * phase {@code ramp}: at 10,000 connections the generator's and the server's JIT compilers were still at work
     * in the window's first seconds without it. {@code 0s} turns it off.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.settle", defaultValue = "3s")
    String settle;

    /**
     * How long a request may wait for its response before it counts as an error of cause {@code timeout}; never
     * longer than the measured window, so that a server that stops answering is caught inside it. Requests still
     * unanswered when the window is over count as {@code unanswered}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.requestTimeout", defaultValue = "10s")
    String requestTimeout;

    /**
     * Idle time after a server is ready and before its load starts, sampled as phase {@code idle}: the baseline that
     * {@code retainedRss} is measured from. Default {@code 2s}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.idle")
    String idle;

    /**
     * The former name of {@code idle}, kept for one release; it logs a warning naming {@code idle}.
     *
     * @deprecated use {@code idle} ({@code -Dallocbench.idle}); phase {@code warmup} is the load warm-up.
     * @since 0.1.0
     */
    @Deprecated
    @Parameter(property = "allocbench.warmup")
    String warmup;

    /**
     * Time the server is still sampled after its load stops, as phase {@code cooldown}: allocators differ most in how
     * much memory they give back after a burst.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.cooldown", defaultValue = "10s")
    String cooldown;

    /**
     * Runs per allocator. Trials are interleaved (system, jemalloc, mimalloc, system, ...) so that drift of a noisy
     * machine hits every allocator alike.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.trials", defaultValue = "1")
    int trials;

    /**
     * Time between two readings of the server's memory, 50ms at the least.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.sampleInterval", defaultValue = "250ms")
    String sampleInterval;

    /**
     * How long a forked server may take from start until it serves requests before its run fails.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.startupTimeout", defaultValue = "60s")
    String startupTimeout;

    /**
     * JVM options of every forked server, the same for all allocators so runs are comparable. The default fixes and
     * pre-touches a 2 GB heap (a 512 MB heap ran out of memory at 10,000 connections), so heap growth does not
     * drown the allocator's own memory, and ends a server on OutOfMemoryError instead of letting it spin.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.jvmArgs",
            defaultValue = "-Xms2g,-Xmx2g,-XX:+AlwaysPreTouch,-XX:+UseG1GC,-XX:+ExitOnOutOfMemoryError")
    List<String> jvmArgs;

    /**
     * JVM options of the load generator, which runs in a JVM of its own beside the server (not in Maven's). Empty,
     * the default, sizes it for the load: the serial collector with a young and an old generation of 128 MiB per
     * 10,000 connections each (at least 64 MiB), {@code -XX:SurvivorRatio=2} and
     * {@code -XX:+ExitOnOutOfMemoryError}; at 10,000 connections {@code -Xmx256m -Xmn128m}. Set it to give the
     * generator more heap for very many connections or large responses.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.generatorJvmArgs")
    List<String> generatorJvmArgs = new ArrayList<>();

    /**
     * Runs every forked server with Native Memory Tracking at {@code summary}, so that each sample splits the
     * server's memory into what the JVM tracks (heap, classes, threads, code, GC, direct buffers ...) and what lies
     * outside it: the allocator's own overhead and retained free memory. NMT costs the server a little throughput and
     * memory of its own. Set to {@code false} to run without it; a {@code -XX:NativeMemoryTracking} option in
     * {@code jvmArgs} takes precedence.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.nativeMemoryTracking", defaultValue = "true")
    boolean nativeMemoryTracking;

    /**
     * Bounds on the medians over the trials, each a {@code <limit>} with a {@code <metric>} ({@code peakRss},
     * {@code medianLoadRss}, {@code retainedRss}, {@code peakVsz}, {@code outsideNmt}, {@code requestsPerSecond},
     * {@code p99Latency}, {@code errorRate}), a {@code <maximum>} and/or {@code <minimum>} written in the metric's
     * unit ({@code 1.8GB}, {@code 300MiB}, {@code 25k}, {@code 50ms}, {@code 0.1%}; KB, MB and GB are binary, like
     * KiB, MiB and GiB) and optionally an {@code <allocator>} ({@code *}, the default, is every allocator). A median
     * outside a bound is a violation.
     *
     * @since 0.1.0
     */
    @Parameter
    List<LimitDefinition> limits = new ArrayList<>();

    /**
     * The baseline file that {@code maxIncrease} compares with, written by the {@code baseline} goal. It is read
     * only when {@code maxIncrease} names a metric; when it is missing the bench runs and says so.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.baseline", defaultValue = "${project.basedir}/allocator-baseline.json")
    File baseline;

    /**
     * How much each metric's median may worsen against the baseline's, per metric: a percentage of the baseline
     * ({@code <peakRss>10%</peakRss>}) or an amount in the metric's unit ({@code <retainedRss>64MB</retainedRss>}).
     * Worse is higher, except for {@code requestsPerSecond}, where the amount bounds the drop. For
     * {@code errorRate} a percentage is relative to the baseline's rate too. {@code retainedRss} and
     * {@code outsideNmt} can be zero or negative, so they take an absolute amount only.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> maxIncrease = new LinkedHashMap<>();

    /**
     * Fails the build when a limit or maximum increase is violated; with {@code false}, violations are only logged
     * as warnings.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    /**
     * The highest error rate, in percent of the requests, a run may have and still count as a measurement of the
     * load asked for. A run above it is marked invalid: it is not ranked and its limits and {@code maxIncrease}
     * checks are not judged.
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.maxErrorRate", defaultValue = "1%")
    String maxErrorRate;

    /**
     * Fails the build (as an error of the measurement, not a violation) when a limit or {@code maxIncrease} check
     * could not be judged because a run it needed was invalid; with {@code false}, such checks are only logged as
     * warnings.
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.failOnInvalid", defaultValue = "true")
    boolean failOnInvalid;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Override
    String goal() {
        return "bench";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        BenchConfig config;
        try {
            config = new BenchConfig(Workload.handlerFor(handler, workload), allocators, customAllocators(),
                    connections,
                    HumanDuration.parse("duration", duration), HumanDuration.parse("idle", idle()),
                    HumanDuration.parse("cooldown", cooldown), trials,
                    HumanDuration.parse("sampleInterval", sampleInterval),
                    HumanDuration.parse("startupTimeout", startupTimeout),
                    jvmArgs, forkClasspath(), outputDirectory.toPath(), nativeMemoryTracking, rate,
                    new RequestShape(requestMethod, requestPaths, requestHeaders, requestBody),
                    HumanDuration.parse("loadWarmup", loadWarmup), generatorJvmArgs, generatorClasspath(),
                    HumanDuration.parse("settle", settle), HumanDuration.parse("requestTimeout", requestTimeout));
        } catch (ConfigurationException e) {
            throw new MojoFailureException("Invalid allocator bench configuration: " + e.getMessage(), e);
        }
        GateRules rules;
        ValidityRules validityRules;
        try {
            validityRules = ValidityRules.parse(maxErrorRate);
            rules = gateRules();
            rules.requireAllocators(config.allocators());
        } catch (ConfigurationException e) {
            throw new MojoFailureException("Invalid allocator bench configuration: " + e.getMessage(), e);
        }
        Baseline reference = readBaseline(rules);
        // The gate judges the results once, inside the bench so its verdicts are written into results.json and the
        // report; its warnings are kept here for the log.
        AtomicReference<GateOutcome> judged = new AtomicReference<>();
        ResultCheck check = rules.isEmpty() ? ResultCheck.NONE : result -> {
            GateOutcome outcome = Gate.evaluate(result, reference, rules);
            judged.set(outcome);
            return outcome.checks();
        };
        BenchOutcome outcome;
        try {
            outcome = new Bench(config, plugin.getVersion(), mavenLog(), check, validityRules).run();
        } catch (ConfigurationException e) {
            throw new MojoFailureException("Invalid allocator bench configuration: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("The allocator bench could not write its output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("The allocator bench was interrupted.", e);
        }
        GateOutcome verdict = judged.get();
        if (verdict != null) {
            logVerdict(verdict);
        }
        if (!outcome.failedRuns().isEmpty()) {
            throw new MojoExecutionException(outcome.failedRuns().size() + " run(s) of the allocator bench failed: "
                    + String.join("; ", outcome.failedRuns()) + ". Their logs are under "
                    + outputDirectory.toPath().resolve("logs") + "; the report is " + outcome.report() + ".");
        }
        if (verdict != null && !verdict.unjudged().isEmpty()) {
            String summary = verdict.unjudged().size() + " allocator(s) had checks that could not be judged, "
                    + "because runs they needed were invalid (the measurement broke, not the code): "
                    + String.join(" ", verdict.unjudged()) + " The report is " + outcome.report() + ".";
            if (failOnInvalid) {
                throw new MojoExecutionException(summary + " Set <failOnInvalid>false</failOnInvalid> "
                        + "(-Dallocbench.failOnInvalid=false) to only warn.");
            }
            getLog().warn(summary + " The build goes on because failOnInvalid is false.");
        }
        if (verdict != null && !verdict.violations().isEmpty()) {
            List<CheckResult> violations = verdict.violations();
            String summary = violations.size() + " of " + verdict.checks().size()
                    + " allocator bench checks failed:\n" + ViolationTable.of(violations) + "\nThe report is "
                    + outcome.report() + ".";
            if (failOnViolation) {
                throw new MojoFailureException(summary + " Set <failOnViolation>false</failOnViolation> "
                        + "(-Dallocbench.failOnViolation=false) to only warn.");
            }
            getLog().warn(summary + " The build goes on because failOnViolation is false.");
        }
    }

    private GateRules gateRules() {
        List<Limit> parsed = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            LimitDefinition d = limits.get(i);
            parsed.add(Limit.parse("limits[" + (i + 1) + "]", d.allocator, d.metric, d.maximum, d.minimum));
        }
        return new GateRules(parsed, MaxIncrease.parseAll(maxIncrease == null ? Map.of() : maxIncrease));
    }

    /**
     * The baseline that {@code maxIncrease} compares with, read before any server starts so that a corrupt file
     * fails the build at once; {@code null} when there is nothing to compare or no file.
     */
    private Baseline readBaseline(GateRules rules) throws MojoFailureException {
        Path file = baseline.toPath();
        if (rules.maxIncreases().isEmpty()) {
            if (Files.exists(file)) {
                getLog().info("Not comparing with the baseline " + file + ": <maxIncrease> names no metric.");
            }
            return null;
        }
        if (!Files.exists(file)) {
            getLog().warn("No baseline at " + file + "; record one with mvn allocator:baseline after a bench (e.g. "
                    + Baseline.RECORD_HINT + "). Until then the maxIncrease checks are not made.");
            return null;
        }
        try {
            Baseline read = Baseline.read(file);
            getLog().info("Comparing with the baseline " + file + " (" + read.allocators().size()
                    + " allocator(s)).");
            return read;
        } catch (IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private void logVerdict(GateOutcome verdict) {
        for (String warning : verdict.warnings()) {
            getLog().warn(warning);
        }
        for (String unjudged : verdict.unjudged()) {
            if (failOnInvalid) {
                getLog().error(unjudged);
            } else {
                getLog().warn(unjudged);
            }
        }
        for (CheckResult c : verdict.checks()) {
            if (c.passed()) {
                getLog().info(c.message());
            } else if (failOnViolation) {
                getLog().error(c.message());
            } else {
                getLog().warn(c.message());
            }
        }
    }

    private List<CustomAllocator> customAllocators() {
        List<CustomAllocator> result = new ArrayList<>();
        for (AllocatorDefinition d : customAllocators) {
            result.add(new CustomAllocator(d.name, d.library == null ? null : d.library.toPath(), d.environment,
                    d.jvmArgs));
        }
        return result;
    }

    /**
     * The project's compile and runtime class path (compile includes {@code provided} dependencies such as a
     * provided Jetty), followed by the plugin's own artifacts the project lacks, so the project's versions win.
     */
    private List<String> forkClasspath() throws MojoExecutionException {
        Set<String> entries = new LinkedHashSet<>();
        try {
            entries.addAll(project.getCompileClasspathElements());
            entries.addAll(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's dependencies are not resolved: " + e.getMessage(), e);
        }
        Set<String> projectKeys = new HashSet<>();
        for (Artifact a : project.getArtifacts()) {
            projectKeys.add(a.getGroupId() + ":" + a.getArtifactId());
        }
        for (Artifact a : plugin.getArtifacts()) {
            if (a.getFile() != null && !projectKeys.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            entries.add(plugin.getPluginArtifact().getFile().getAbsolutePath());
        }
        return new ArrayList<>(entries);
    }

    /** The plugin's own jar and dependencies, without the project's: what the load generator's JVM runs. */
    private List<String> generatorClasspath() {
        List<String> entries = new ArrayList<>();
        if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
            entries.add(plugin.getPluginArtifact().getFile().getAbsolutePath());
        }
        for (Artifact a : plugin.getArtifacts()) {
            if (a.getFile() != null && !entries.contains(a.getFile().getAbsolutePath())) {
                entries.add(a.getFile().getAbsolutePath());
            }
        }
        return entries;
    }

    private BenchLog mavenLog() {
        return new BenchLog() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        };
    }

    /** {@code idle}, or the deprecated {@code warmup} when only that is set, or the default 2s. */
    private String idle() {
        if (warmup == null) {
            return idle == null ? "2s" : idle;
        }
        if (idle != null) {
            getLog().warn("Both idle (" + idle + ") and the deprecated warmup (" + warmup + ") are set; using idle. "
                    + "Remove <warmup> (-Dallocbench.warmup).");
            return idle;
        }
        getLog().warn("The parameter warmup (-Dallocbench.warmup) is deprecated and will be removed; it is now called "
                + "idle: set <idle>" + warmup + "</idle> (or -Dallocbench.idle=" + warmup + ") instead.");
        return warmup;
    }
}
