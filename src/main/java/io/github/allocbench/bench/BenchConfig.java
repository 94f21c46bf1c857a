package io.github.allocbench.bench;

import io.github.allocbench.allocator.AllocatorName;
import io.github.allocbench.allocator.CustomAllocator;
import io.github.allocbench.fork.JvmOptions;
import io.github.allocbench.load.LoadFork;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.HumanDuration;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one bench needs to know, already parsed and checked. Invalid values are refused here, with the
 * parameter's name, the value and what is accepted, so every front end (the mojo, tests) gets the same errors.
 *
 * @param handler          the Handler class to bench, or {@code null} for the built-in JSON API handler
 * @param allocators       allocator names in bench order (custom ones included)
 * @param customAllocators allocators defined by the user, which add to or replace the built-in ones
 * @param connections      keep-alive connections held against the server
 * @param duration         length of the measured load window
 * @param warmup           idle time after the server is ready and before the load, sampled as phase {@code idle}
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
 */
public record BenchConfig(String handler, List<String> allocators, List<CustomAllocator> customAllocators,
                          int connections, Duration duration, Duration warmup, Duration cooldown, int trials,
                          Duration sampleInterval, Duration startupTimeout,
                          List<String> jvmArgs, List<String> classpath, Path outputDirectory,
                          boolean nativeMemoryTracking, double rate, RequestShape request, Duration loadWarmup,
                          List<String> generatorJvmArgs, List<String> generatorClasspath, Duration settle) {

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
        requireNotNegative("loadWarmup", loadWarmup);
        if (Double.isNaN(rate) || Double.isInfinite(rate) || rate < 0) {
            throw new IllegalArgumentException("rate is " + rate + ". Set <rate> (or -Dallocbench.rate) to 0 for a "
                    + "closed loop, or to the requests per second to send over all connections, e.g. 5000.");
        }
        if (connections <= 0) {
            throw new IllegalArgumentException("connections is " + connections
                    + ", but at least 1 connection is needed. Set <connections> (or -Dallocbench.connections) to a "
                    + "positive number, e.g. 10000.");
        }
        requirePositive("duration", duration);
        requireNotNegative("warmup", warmup);
        requireNotNegative("cooldown", cooldown);
        if (trials < 1) {
            throw new IllegalArgumentException("trials is " + trials + ", but at least 1 trial is needed. Set "
                    + "<trials> (or -Dallocbench.trials) to 1 or more; 3 shows the run-to-run noise.");
        }
        requirePositive("startupTimeout", startupTimeout);
        if (sampleInterval.compareTo(MIN_SAMPLE_INTERVAL) < 0) {
            throw new IllegalArgumentException("sampleInterval is " + HumanDuration.format(sampleInterval)
                    + ", below the minimum of " + HumanDuration.format(MIN_SAMPLE_INTERVAL)
                    + ". Set <sampleInterval> (or -Dallocbench.sampleInterval) to 50ms or more.");
        }
        JvmOptions.compose(jvmArgs, nativeMemoryTracking);
    }

    /** The JVM options every forked server runs with: {@code jvmArgs} plus NMT and the OutOfMemoryError exit. */
    public List<String> forkJvmOptions() {
        return JvmOptions.compose(jvmArgs, nativeMemoryTracking);
    }

    /** A closed-loop bench of one {@code GET /} per request with Native Memory Tracking on and no load warm-up. */
    public BenchConfig(String handler, List<String> allocators, List<CustomAllocator> customAllocators,
                       int connections, Duration duration, Duration warmup, Duration cooldown, int trials,
                       Duration sampleInterval, Duration startupTimeout,
                       List<String> jvmArgs, List<String> classpath, Path outputDirectory) {
        this(handler, allocators, customAllocators, connections, duration, warmup, cooldown, trials, sampleInterval,
                startupTimeout, jvmArgs, classpath, outputDirectory, true, 0, RequestShape.DEFAULT, Duration.ZERO,
                List.of(), List.of(), Duration.ZERO);
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
                throw new IllegalArgumentException("generatorJvmArgs contains '" + option + "'. It takes JVM "
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
                throw new IllegalArgumentException("allocators names '" + trimmed
                        + "' twice. Name each allocator once; use trials to repeat runs.");
            }
        }
        for (CustomAllocator a : custom) {
            all.add(a.name());
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("allocators is empty. Name at least one, e.g. "
                    + "<allocators>system,jemalloc,mimalloc</allocators>.");
        }
        return List.copyOf(new ArrayList<>(all));
    }

    private static void requireNotNegative(String parameter, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(parameter + " is negative; set it to 0s or more, e.g. 10s.");
        }
    }

    private static void requirePositive(String parameter, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(parameter + " is " + HumanDuration.format(value)
                    + ", but it must be longer than zero, e.g. 10s.");
        }
    }
}
