package io.github.allocbench.bench;

import io.github.allocbench.allocator.AllocatorName;
import io.github.allocbench.allocator.CustomAllocator;
import io.github.allocbench.fork.JvmOptions;
import io.github.allocbench.gate.GateRules;
import io.github.allocbench.load.LoadFork;
import io.github.allocbench.load.LoadSettings;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.CpuList;
import io.github.allocbench.units.HumanDuration;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan of one bench: everything it needs to know, already parsed and checked. Built with {@link #builder()},
 * which starts from the {@code bench} goal's defaults. Invalid values are refused here, once, with the parameter's
 * name, the value and what is accepted ({@link ConfigurationException}), so every front end (the mojo, tests) gets
 * the same errors. The load generator's settings and the configuration recorded in {@code results.json} are derived
 * from it ({@link #loadSettings(String, int)}, {@link #summary()}).
 *
 * <p>It is longer than most classes because it is the one place every parameter passes through: one component, one
 * builder setter and one check each, and nothing else.
 *
 * @param handler          the Handler class to bench, or {@code null} for the built-in JSON API handler
 * @param allocators       allocator names in bench order (custom ones included)
 * @param customAllocators allocators defined by the user, which add to or replace the built-in ones
 * @param connections      keep-alive connections held against the server
 * @param duration         length of the measured load window
 * @param idle             idle time after the load warm-up and before the load, sampled as phase {@code idle}
 * @param cooldown         time sampled after the load stops, to see what memory the allocator gives back
 * @param trials           runs per allocator, interleaved (A B C A B C) so drift hits every allocator alike
 * @param sampleInterval   time between two memory samples
 * @param startupTimeout   how long a forked server may take to become ready
 * @param jvmArgs          JVM options of every forked server, identical for all allocators
 * @param classpath        class path of the forked server, project entries first
 * @param outputDirectory  where results, report and logs are written
 * @param nativeMemoryTracking whether forked servers run with NMT at {@code summary} unless {@code jvmArgs} sets it
 * @param rate             requests per second over all connections (open loop); 0 for a closed loop
 * @param request          method, paths, headers and body of the load's requests
 * @param loadWarmup       unmeasured load on each fresh server before its idle phase, so that the JIT has compiled
 *                         the request path before anything is measured; zero for none
 * @param generatorJvmArgs JVM options of the load generator's own JVM; empty for
 *                         {@link LoadFork#defaultJvmOptions(int) options sized for the connections}
 * @param generatorClasspath class path of the load generator's JVM: the plugin's classes and dependencies; empty for
 *                         this JVM's class path
 * @param settle           how long the load runs at full size after the ramp before the measured window opens;
 *                         sampled as phase {@code ramp}
 * @param requestTimeout   how long a request may wait for its response before it counts as a {@code timeout} error;
 *                         {@code null} for 10 s; the generator caps it at the window
 * @param gateRules        limits and maximum increases the finished bench is judged by
 * @param baseline         the file {@code maxIncrease} (or, without one, the default increases) compares with, or
 *                         {@code null} for none
 * @param failOnViolation  whether a violated check fails the build or is only a warning
 * @param validityRules    the bounds a run must stay within to count as a measurement ({@code maxErrorRate})
 * @param trimAtEnd        whether a run on glibc's malloc ends, after its cooldown was sampled, with a trim of the
 *                         malloc heap that shows how much of its native RSS glibc kept unused
 * @param skipBaseline     whether the baseline is left unread and nothing is compared with it, even when the file
 *                         exists and {@code maxIncrease} names metrics
 * @param jdks             the JDKs the forked servers run on, each allocator on each; empty for Maven's own JVM.
 *                         The load generator always runs on Maven's JVM, so only the server changes
 * @param startNextDuringCooldown whether the next run's server is started and warmed up while a run's cooldown is
 *                         sampled, where memory allows; its load window still waits until the previous server stopped
 * @param serverCpus       the CPUs every forked server is pinned to with {@code taskset -c}, or {@code null} to not
 *                         pin it
 * @param generatorCpus    the CPUs every load generator is pinned to, or {@code null}; none shared with
 *                         {@code serverCpus} ({@link CpuPlacement})
 */
public record BenchConfig(String handler, List<String> allocators, List<CustomAllocator> customAllocators,
                          int connections, Duration duration, Duration idle, Duration cooldown, int trials,
                          Duration sampleInterval, Duration startupTimeout,
                          List<String> jvmArgs, List<String> classpath, Path outputDirectory,
                          boolean nativeMemoryTracking, double rate, RequestShape request, Duration loadWarmup,
                          List<String> generatorJvmArgs, List<String> generatorClasspath, Duration settle,
                          Duration requestTimeout, GateRules gateRules, Path baseline, boolean failOnViolation,
                          ValidityRules validityRules, boolean trimAtEnd, boolean skipBaseline,
                          List<JdkChoice> jdks, boolean startNextDuringCooldown, CpuList serverCpus,
                          CpuList generatorCpus) {

    /** The handler benched when the project names none. */
    public static final String DEFAULT_HANDLER = "io.github.allocbench.handlers.JsonApiHandler";

    /** The shortest accepted sample interval: reading /proc faster than this measures the sampler. */
    public static final Duration MIN_SAMPLE_INTERVAL = Duration.ofMillis(50);

    public BenchConfig {
        if (handler != null && handler.isBlank()) {
            handler = null;
        }
        allocators = withCustomNames(allocators, customAllocators);
        customAllocators = List.copyOf(customAllocators);
        jvmArgs = List.copyOf(jvmArgs);
        classpath = List.copyOf(classpath);
        request = request == null ? RequestShape.DEFAULT : request;
        loadWarmup = loadWarmup == null ? Duration.ZERO : loadWarmup;
        generatorJvmArgs = generatorJvmArgs == null ? List.of() : List.copyOf(generatorJvmArgs);
        generatorClasspath = generatorClasspath == null || generatorClasspath.isEmpty()
                ? List.of(System.getProperty("java.class.path").split(File.pathSeparator))
                : List.copyOf(generatorClasspath);
        requireGeneratorOptions(generatorJvmArgs);
        settle = settle == null ? Duration.ZERO : settle;
        requireNotNegative("settle", settle);
        requestTimeout = requestTimeout == null ? LoadSettings.DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        gateRules = gateRules == null ? GateRules.NONE : gateRules;
        validityRules = validityRules == null ? ValidityRules.DEFAULT : validityRules;
        jdks = jdks == null ? List.of() : List.copyOf(jdks);
        requirePositive("requestTimeout", requestTimeout);
        requireNotNegative("loadWarmup", loadWarmup);
        if (Double.isNaN(rate) || Double.isInfinite(rate) || rate < 0) {
            throw new ConfigurationException("rate is " + rate + ". Set <rate> (or -Dallocbench.rate) to 0 for a "
                    + "closed loop, or to the requests per second to send over all connections, e.g. 5000.");
        }
        if (connections <= 0) {
            throw new ConfigurationException("connections is " + connections
                    + ", but at least 1 connection is needed. Set <connections> (or -Dallocbench.connections) to a "
                    + "positive number, e.g. 10000.");
        }
        requirePositive("duration", duration);
        requireNotNegative("idle", idle);
        requireNotNegative("cooldown", cooldown);
        if (trials < 1) {
            throw new ConfigurationException("trials is " + trials + ", but at least 1 trial is needed. Set "
                    + "<trials> (or -Dallocbench.trials) to 1 or more; 3 shows the run-to-run noise.");
        }
        requirePositive("startupTimeout", startupTimeout);
        if (sampleInterval.compareTo(MIN_SAMPLE_INTERVAL) < 0) {
            throw new ConfigurationException("sampleInterval is " + HumanDuration.format(sampleInterval)
                    + ", below the minimum of " + HumanDuration.format(MIN_SAMPLE_INTERVAL)
                    + ". Set <sampleInterval> (or -Dallocbench.sampleInterval) to 50ms or more.");
        }
        JvmOptions.compose(jvmArgs, nativeMemoryTracking);
        CpuPlacement.requireDisjoint(serverCpus, generatorCpus);
    }

    /** The JVM options every forked server runs with: {@code jvmArgs} plus NMT and the OutOfMemoryError exit. */
    public List<String> forkJvmOptions() {
        return JvmOptions.compose(jvmArgs, nativeMemoryTracking);
    }

    /** A plan with the {@code bench} goal's defaults, each to be changed by name. */
    public static Builder builder() {
        return new Builder();
    }

    /** The load generator's settings against a server listening on {@code port} at {@code host}. */
    public LoadSettings loadSettings(String host, int port) {
        return new LoadSettings(host, port, connections, duration, "/").withRequest(request).withRate(rate)
                .withSettle(settle).withRequestTimeout(requestTimeout);
    }

    /** The configuration as {@code results.json} records it. */
    public ConfigSummary summary() {
        return new ConfigSummary(handlerClass(), allocators, connections, duration.toMillis(), idle.toMillis(),
                cooldown.toMillis(), sampleInterval.toMillis(), trials, forkJvmOptions(), loadWarmup.toMillis(), rate,
                generatorJvmOptions(), request, settle.toMillis(), requestTimeout.toMillis(), List.of(),
                serverCpus == null ? null : serverCpus.toString(),
                generatorCpus == null ? null : generatorCpus.toString());
    }

    /** The JVM options of the load generator's JVM: {@code generatorJvmArgs}, or options sized for the load. */
    public List<String> generatorJvmOptions() {
        return generatorJvmArgs.isEmpty() ? LoadFork.defaultJvmOptions(connections) : generatorJvmArgs;
    }

    private static void requireGeneratorOptions(List<String> options) {
        for (String option : options) {
            String o = option == null ? "" : option.trim();
            if (!o.startsWith("-") || o.equals("-cp") || o.equals("-classpath") || o.startsWith("--class-path")
                    || o.equals("-jar") || o.startsWith("@")) {
                throw new ConfigurationException("generatorJvmArgs contains '" + option + "'. It takes JVM "
                        + "options only, each starting with '-', e.g. <generatorJvmArgs><arg>-Xmx512m</arg>"
                        + "</generatorJvmArgs>; the plugin sets the class path itself.");
            }
        }
    }

    /** Connections of the load warm-up: enough to compile the request path, few enough to open in a moment. */
    public int loadWarmupConnections() {
        return Math.min(connections, 200);
    }

    /** The handler class the forked server runs. */
    public String handlerClass() {
        return handler == null ? DEFAULT_HANDLER : handler;
    }

    private static List<String> withCustomNames(List<String> names, List<CustomAllocator> custom) {
        Set<String> all = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            AllocatorName.require(trimmed);
            if (!all.add(trimmed)) {
                throw new ConfigurationException("allocators names '" + trimmed
                        + "' twice. Name each allocator once; use trials to repeat runs.");
            }
        }
        for (CustomAllocator a : custom) {
            all.add(a.name());
        }
        if (all.isEmpty()) {
            throw new ConfigurationException("allocators is empty. Name at least one, e.g. "
                    + "<allocators>system,jemalloc,mimalloc</allocators>.");
        }
        return List.copyOf(new ArrayList<>(all));
    }

    private static void requireNotNegative(String parameter, Duration value) {
        if (value.isNegative()) {
            throw new ConfigurationException(parameter + " is negative; set it to 0s or more, e.g. 10s.");
        }
    }

    private static void requirePositive(String parameter, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationException(parameter + " is " + HumanDuration.format(value)
                    + ", but it must be longer than zero, e.g. 10s.");
        }
    }

    /** Collects a plan by parameter name; {@link #build()} validates it. */
    public static final class Builder {
        private String handler;
        private List<String> allocators = List.of("system", "jemalloc", "mimalloc");
        private List<CustomAllocator> customAllocators = List.of();
        private int connections = 10_000;
        private Duration duration = Duration.ofSeconds(10);
        private Duration idle = Duration.ofSeconds(2);
        private Duration cooldown = Duration.ofSeconds(10);
        private int trials = 1;
        private Duration sampleInterval = Duration.ofMillis(250);
        private Duration startupTimeout = Duration.ofSeconds(60);
        private List<String> jvmArgs = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError");
        private List<String> classpath = List.of();
        private Path outputDirectory = Path.of("target", "allocator-bench");
        private boolean nativeMemoryTracking = true;
        private double rate;
        private RequestShape request = RequestShape.DEFAULT;
        private Duration loadWarmup = Duration.ofSeconds(5);
        private List<String> generatorJvmArgs = List.of();
        private List<String> generatorClasspath = List.of();
        private Duration settle = Duration.ofSeconds(10);
        private Duration requestTimeout = LoadSettings.DEFAULT_REQUEST_TIMEOUT;
        private GateRules gateRules = GateRules.NONE;
        private Path baseline;
        private boolean failOnViolation = true;
        private ValidityRules validityRules = ValidityRules.DEFAULT;
        private boolean trimAtEnd = true;
        private boolean skipBaseline;
        private List<JdkChoice> jdks = List.of();
        private boolean startNextDuringCooldown = true;
        private CpuList serverCpus;
        private CpuList generatorCpus;

        private Builder() {
        }

        public Builder handler(String value) {
            handler = value;
            return this;
        }

        public Builder allocators(List<String> value) {
            allocators = value;
            return this;
        }

        public Builder customAllocators(List<CustomAllocator> value) {
            customAllocators = value;
            return this;
        }

        public Builder connections(int value) {
            connections = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder idle(Duration value) {
            idle = value;
            return this;
        }

        public Builder cooldown(Duration value) {
            cooldown = value;
            return this;
        }

        public Builder trials(int value) {
            trials = value;
            return this;
        }

        public Builder sampleInterval(Duration value) {
            sampleInterval = value;
            return this;
        }

        public Builder startupTimeout(Duration value) {
            startupTimeout = value;
            return this;
        }

        public Builder jvmArgs(List<String> value) {
            jvmArgs = value;
            return this;
        }

        public Builder classpath(List<String> value) {
            classpath = value;
            return this;
        }

        public Builder outputDirectory(Path value) {
            outputDirectory = value;
            return this;
        }

        public Builder nativeMemoryTracking(boolean value) {
            nativeMemoryTracking = value;
            return this;
        }

        public Builder rate(double value) {
            rate = value;
            return this;
        }

        public Builder request(RequestShape value) {
            request = value;
            return this;
        }

        public Builder loadWarmup(Duration value) {
            loadWarmup = value;
            return this;
        }

        public Builder generatorJvmArgs(List<String> value) {
            generatorJvmArgs = value;
            return this;
        }

        public Builder generatorClasspath(List<String> value) {
            generatorClasspath = value;
            return this;
        }

        public Builder settle(Duration value) {
            settle = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder gateRules(GateRules value) {
            gateRules = value;
            return this;
        }

        public Builder baseline(Path value) {
            baseline = value;
            return this;
        }

        public Builder failOnViolation(boolean value) {
            failOnViolation = value;
            return this;
        }

        public Builder validityRules(ValidityRules value) {
            validityRules = value;
            return this;
        }

        public Builder trimAtEnd(boolean value) {
            trimAtEnd = value;
            return this;
        }

        public Builder skipBaseline(boolean value) {
            skipBaseline = value;
            return this;
        }

        /** The JDKs the servers run on, each allocator on each; empty for the running JVM. */
        public Builder jdks(List<JdkChoice> value) {
            jdks = value;
            return this;
        }

        /** Whether the next run gets ready while a run's cooldown is sampled; {@code true} by default. */
        public Builder startNextDuringCooldown(boolean value) {
            startNextDuringCooldown = value;
            return this;
        }

        /** The CPUs to pin every forked server to; {@code null}, the default, does not pin it. */
        public Builder serverCpus(CpuList value) {
            serverCpus = value;
            return this;
        }

        /** The CPUs to pin every load generator to; {@code null}, the default, does not pin it. */
        public Builder generatorCpus(CpuList value) {
            generatorCpus = value;
            return this;
        }

        /**
         * The plan.
         *
         * @throws ConfigurationException naming the first invalid value and how to fix it
         */
        public BenchConfig build() {
            return new BenchConfig(handler, allocators, customAllocators, connections, duration, idle, cooldown,
                    trials, sampleInterval, startupTimeout, jvmArgs, classpath, outputDirectory, nativeMemoryTracking,
                    rate, request, loadWarmup, generatorJvmArgs, generatorClasspath, settle, requestTimeout, gateRules,
                    baseline, failOnViolation, validityRules, trimAtEnd, skipBaseline, jdks, startNextDuringCooldown,
                    serverCpus, generatorCpus);
        }
    }
}
