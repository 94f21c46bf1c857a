package io.github.allocbench.maven;

import io.github.allocbench.bench.Bench;
import io.github.allocbench.bench.BenchConfig;
import io.github.allocbench.bench.BenchOutcome;
import io.github.allocbench.bench.BenchSite;
import io.github.allocbench.bench.MachineBusyException;
import io.github.allocbench.bench.ValidityRules;
import io.github.allocbench.bench.Workload;
import io.github.allocbench.gate.GateRules;
import io.github.allocbench.gate.Limit;
import io.github.allocbench.gate.MaxIncrease;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.CpuList;
import io.github.allocbench.units.HumanDuration;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.ToolchainManager;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Benches the project's Jetty {@code Handler} once per configured allocator: each run starts the handler in a fresh
 * forked JVM with the allocator preloaded, holds {@code connections} keep-alive connections against it for
 * {@code duration}, samples the server's memory, and writes {@code results.json}, {@code samples.csv} and an HTML
 * report to {@code outputDirectory}.
 *
 * <p>Its length is the parameters' documentation, which maven-plugin-plugin turns into the goal's reference; the code
 * maps them to one plan, makes one call into the core and translates the outcome.
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
     * phase {@code ramp}: at 10,000 connections the server first builds each connection's state (the example's
     * live heap grew by 1 GB over about 6 s, its JIT compiling meanwhile), and a window opened 3 s after the ramp
     * measured that transient: 27 % fewer requests per second and a p99 latency 2.8 times the settled one.
     * {@code 0s} turns it off.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.settle", defaultValue = "10s")
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
     * Ends every run on glibc's malloc ({@code system}, {@code glibc-arena2}, {@code glibc-trim}), after its cooldown
     * was sampled, with a trim of the malloc heap ({@code System.trim_native_heap}): the RSS it gives back is what
     * glibc kept unused, which another allocator or {@code -XX:TrimNativeHeapInterval} could return. Recorded as the
     * run's {@code trim} in results.json and in the report; it changes no sampled figure.
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.trimAtEnd", defaultValue = "true")
    boolean trimAtEnd;

    /**
     * Starts the next run's server, and its load generator's unmeasured warm-up, while a run's cooldown is sampled,
     * so that the bench spends less time on JVM starts. The cooldown measures memory, which the idle server keeps
     * whatever the CPU does, and the next load window still starts only once the previous server has stopped; a
     * bench that wants each cooldown alone on the machine sets {@code false}. Skipped, with a line in the log, when
     * the machine (or its cgroup) has less memory available than the running server's RSS plus 512 MiB. Recorded per
     * run as {@code cooldownShared} in results.json.
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.startNextDuringCooldown", defaultValue = "true")
    boolean startNextDuringCooldown;

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
     * The CPUs to pin every forked server to, as a Linux CPU list ({@code 0-1}, {@code 0,2,4-5}), applied with
     * {@code taskset -c} (util-linux). Empty, the default, does not pin it. Each CPU must be one this build may run
     * on, and none may also be in {@code generatorCpus}; the CPUs each server was allowed are recorded per run, and a
     * run whose pin did not hold is invalid. The server's JVM sizes its GC and compiler threads from these CPUs.
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.serverCpus")
    String serverCpus;

    /**
     * The CPUs to pin every load generator to, as a Linux CPU list ({@code 2-3}), applied with {@code taskset -c};
     * with {@code serverCpus} on other CPUs, the generator cannot take the server's CPU time. Empty, the default,
     * does not pin it. Pinning is of use with 4 or more CPUs (2 for each side at least).
     *
     * @since 0.2.0
     */
    @Parameter(property = "allocbench.generatorCpus")
    String generatorCpus;

    /**
     * The JDK the forked servers run on, as a JDK home or its {@code java} executable
     * ({@code /usr/lib/jvm/temurin-25-jdk-amd64}). Without it, and without {@code jdkToolchain} and {@code jdks},
     * the servers run on Maven's own JVM. The load generator always runs on Maven's JVM, so only the server changes.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.jvm")
    String jvm;

    /**
     * The requirements of the {@code jdk} toolchain the forked servers run on, as Surefire's {@code jdkToolchain}:
     * {@code <jdkToolchain><version>25</version><vendor>temurin</vendor></jdkToolchain>}, matched against the
     * {@code provides} of the toolchains in toolchains.xml ({@code ~/.m2/toolchains.xml}, or the file passed with
     * {@code --global-toolchains} / {@code -t}). None set means no toolchain.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> jdkToolchain = new LinkedHashMap<>();

    /**
     * Several JDKs to bench each allocator on, each a {@code <jdk>} with a {@code <jvm>} path or a
     * {@code <toolchain>} (the requirements of {@code jdkToolchain}) and an optional {@code <label>}. Runs are
     * interleaved (trial 1: every allocator on the first JDK, then on the second, ...), named
     * {@code <allocator>@<label>} ({@code jemalloc@jdk25}; the label defaults to {@code jdk} and the JDK's feature
     * release), and ranked, compared with the {@code system} run of the same JDK, and judged per allocator and JDK;
     * a limit on an allocator applies to it on every JDK. Empty, the default, is one JDK: {@code jvm},
     * {@code jdkToolchain} or Maven's own.
     *
     * @since 0.1.0
     */
    @Parameter
    List<JdkDefinition> jdks = new ArrayList<>();

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
     * outside a bound is a violation. With {@code <of>system</of>} the bounds are percentages of that allocator's
     * median in the same bench ({@code <maximum>90%</maximum>}); on every allocator such a limit bounds all but the
     * reference. {@code <warnMaximum>}/{@code <warnMinimum>}, inside the bounds and written the same way, log a median
     * past them as a warning without failing the build.
     *
     * @since 0.1.0
     */
    @Parameter
    List<LimitDefinition> limits = new ArrayList<>();

    /**
     * The baseline file that {@code maxIncrease} compares with, written by the {@code baseline} goal. When it
     * exists and {@code maxIncrease} names no metric, it is compared with the default increases ({@code peakNativeRss}
     * 10%, {@code retainedNativeRss} 32MB, {@code p99Latency} 50%, {@code errorRate} 0.5 percentage points, widened
     * to twice the largest range between trials where that is larger). When it is missing the bench runs, and says so
     * if {@code maxIncrease} names a metric.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.baseline", defaultValue = "${project.basedir}/allocator-baseline.json")
    File baseline;

    /**
     * How much each metric's median may worsen against the baseline's, per metric: a percentage of the baseline
     * ({@code <peakRss>10%</peakRss>}) or an amount in the metric's unit ({@code <retainedRss>64MB</retainedRss>}).
     * Worse is higher, except for {@code requestsPerSecond}, where the amount bounds the drop. For
     * {@code errorRate} a percentage is relative to the baseline's rate too. {@code retainedRss},
     * {@code retainedNativeRss} and {@code outsideNmt} can be zero or negative, so they take an absolute amount only.
     * Without any entry (here or in {@code maxIncreaseList}) an existing baseline is compared with the defaults.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> maxIncrease = new LinkedHashMap<>();

    /**
     * The {@code maxIncrease} amounts as one line, for the command line:
     * {@code -Dallocbench.maxIncrease=peakNativeRss:10%,retainedNativeRss:32MB}. When set, it replaces the whole
     * {@code <maxIncrease>} map of the POM (a command line asks for this build's rules), not single entries of it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.maxIncrease")
    String maxIncreaseList;

    /**
     * Warning levels below the {@code maxIncrease} amounts (or the defaults), per metric and written the same way
     * ({@code <peakNativeRss>5%</peakNativeRss>}): a worsening past one is logged as a warning and shown as WARN in
     * the report, and the build passes. Without an entry, the defaults warn at half their amount and configured
     * amounts do not warn.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> warnIncrease = new LinkedHashMap<>();

    /**
     * The {@code warnIncrease} levels as one line, e.g. {@code -Dallocbench.warnIncrease=peakNativeRss:5%}; when set,
     * it replaces the whole {@code <warnIncrease>} map of the POM.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.warnIncrease")
    String warnIncreaseList;

    /**
     * Leaves the baseline unread and compares nothing with it, configured {@code maxIncrease} or defaults alike; the
     * log says so. Limits are still checked.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.baseline.skip", defaultValue = "false")
    boolean skipBaseline;

    /**
     * Fails the build when a limit or maximum increase is violated; with {@code false}, violations are only logged
     * as warnings.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    /**
     * How long a bench waits for another bench on the same machine to finish before it fails. Only one bench runs
     * per machine at a time (a lock file in the temporary directory): two at once measure each other's load as the
     * allocators' cost. Covers two projects, parallel CI jobs on one box and {@code mvn -T} builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.lockTimeout", defaultValue = "30m")
    String lockTimeout;

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

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    /** Maven's toolchains, through which {@code jdkToolchain} and the toolchain entries of {@code jdks} resolve. */
    @Inject
    ToolchainManager toolchainManager;

    @Override
    String goal() {
        return "bench";
    }

    /** Runs the plan; unit tests replace it to check the mapping and the translation without forking anything. */
    BenchRunner runner = (plan, site, version, log) -> new Bench(plan, version, log, site).run();

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        BenchOutcome outcome;
        try {
            outcome = runner.run(plan(), site(), plugin.getVersion(), new MavenBenchLog(getLog()));
        } catch (ConfigurationException e) {
            throw new MojoFailureException("Invalid allocator bench configuration: " + e.getMessage(), e);
        } catch (MachineBusyException e) {
            throw new MojoExecutionException("The allocator bench did not run: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("The allocator bench could not write its output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("The allocator bench was interrupted.", e);
        }
        Optional<String> broken = outcome.measurementFailure();
        if (broken.isPresent()) {
            throw new MojoExecutionException(broken.get());
        }
        Optional<String> unjudged = outcome.unjudged();
        if (unjudged.isPresent() && failOnInvalid) {
            throw new MojoExecutionException(unjudged.get() + " Set <failOnInvalid>false</failOnInvalid> "
                    + "(-Dallocbench.failOnInvalid=false) to only warn.");
        }
        unjudged.ifPresent(u -> getLog().warn(u + " The build goes on because failOnInvalid is false."));
        Optional<String> violations = outcome.violations();
        if (violations.isPresent() && failOnViolation) {
            throw new MojoFailureException(violations.get() + " Set <failOnViolation>false</failOnViolation> "
                    + "(-Dallocbench.failOnViolation=false) to only warn.");
        }
        violations.ifPresent(v -> getLog().warn(v + " The build goes on because failOnViolation is false."));
    }

    /**
     * The parameters as one plan.
     *
     * @throws ConfigurationException naming the first invalid parameter and how to fix it
     */
    BenchConfig plan() throws MojoExecutionException {
        return BenchConfig.builder()
                .handler(Workload.handlerFor(handler, workload))
                .allocators(allocators)
                .customAllocators(customAllocators.stream().map(AllocatorDefinition::toCustomAllocator).toList())
                .connections(connections)
                .rate(rate)
                .request(new RequestShape(requestMethod, requestPaths, requestHeaders, requestBody))
                .duration(HumanDuration.parse("duration", duration))
                .loadWarmup(HumanDuration.parse("loadWarmup", loadWarmup))
                .settle(HumanDuration.parse("settle", settle))
                .requestTimeout(HumanDuration.parse("requestTimeout", requestTimeout))
                .idle(HumanDuration.parse("idle", idle()))
                .cooldown(HumanDuration.parse("cooldown", cooldown))
                .trimAtEnd(trimAtEnd)
                .startNextDuringCooldown(startNextDuringCooldown)
                .trials(trials)
                .sampleInterval(HumanDuration.parse("sampleInterval", sampleInterval))
                .startupTimeout(HumanDuration.parse("startupTimeout", startupTimeout))
                .jvmArgs(jvmArgs)
                .nativeMemoryTracking(nativeMemoryTracking)
                .generatorJvmArgs(generatorJvmArgs)
                .serverCpus(CpuList.parse("serverCpus", serverCpus))
                .generatorCpus(CpuList.parse("generatorCpus", generatorCpus))
                .classpath(ForkClasspaths.server(project, plugin))
                .generatorClasspath(ForkClasspaths.generator(plugin))
                .outputDirectory(outputDirectory.toPath())
                .gateRules(gateRules())
                .baseline(baseline == null ? null : baseline.toPath())
                .skipBaseline(skipBaseline)
                .failOnViolation(failOnViolation)
                .validityRules(ValidityRules.parse(maxErrorRate))
                .jdks(new JdkSelection(toolchainManager, session).select(jvm, jdkToolchain, jdks))
                .build();
    }

    /** Where this bench runs: the project and, in a reactor of several, the module its lines are tagged with. */
    private BenchSite site() {
        return new BenchSite(project.getArtifactId() + " (" + project.getBasedir() + ")",
                session != null && session.getProjects().size() > 1 ? project.getArtifactId() : null,
                HumanDuration.parse("lockTimeout", lockTimeout), null, null);
    }

    private GateRules gateRules() {
        List<Limit> parsed = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            LimitDefinition d = limits.get(i);
            parsed.add(Limit.parse("limits[" + (i + 1) + "]", d.allocator, d.metric, d.maximum, d.minimum, d.of,
                    d.warnMaximum, d.warnMinimum));
        }
        return new GateRules(parsed,
                MaxIncrease.parseAll("maxIncrease", entries(maxIncrease, "allocbench.maxIncrease", maxIncreaseList)),
                MaxIncrease.parseAll("warnIncrease", entries(warnIncrease, "allocbench.warnIncrease",
                        warnIncreaseList)));
    }

    /** The entries of the one-line form when it is set, else those of the map. */
    private static Map<String, String> entries(Map<String, String> map, String property, String list) {
        if (list != null && !list.isBlank()) {
            return MaxIncrease.parseList(property, list);
        }
        return map == null ? Map.of() : map;
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
