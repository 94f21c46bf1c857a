package io.github.allocbench.result;


import java.util.ArrayList;
import java.util.List;

/**
 * The bench configuration as written into {@code results.json}: what a reader needs to judge whether two results
 * are comparable. {@code warmupMs} is the idle time before the load, {@code loadWarmupMs} the unmeasured load before
 * that, {@code rate} the open-loop request rate (0 for a closed loop), {@code generatorJvmArgs} the options of the
 * load generator's JVM, {@code request} the requests it sent (these two are {@code null} in results written before
 * they were recorded), {@code settleMs} the unmeasured load between the ramp and the window and
 * {@code requestTimeoutMs} how long a request could wait before it counted as a timeout ({@code null} in older files),
 * {@code jdks} the JDKs the servers ran on, as their JVMs reported them (empty in older files; one entry, without a
 * label, for a bench on one JDK), {@code serverCpus} and {@code generatorCpus} the CPU lists the server and the load
 * generator were asked to be pinned to ({@code null} when not pinned, and in files written before pinning existed,
 * when nothing was pinned).
 */
public record ConfigSummary(String handler, List<String> allocators, int connections, long durationMs,
                            long warmupMs, long cooldownMs, long sampleIntervalMs, int trials,
                            List<String> jvmArgs, long loadWarmupMs, double rate, List<String> generatorJvmArgs,
                            RequestShape request, long settleMs, Long requestTimeoutMs, List<RunJdk> jdks,
                            String serverCpus, String generatorCpus) {

    /** What {@link #cpuPlacement()} says when neither side was pinned. */
    public static final String NOT_PINNED = "not pinned";

    public ConfigSummary {
        jdks = jdks == null ? List.of() : List.copyOf(jdks);
    }

    /** A configuration without CPU pinning, as results files before it recorded. */
    public ConfigSummary(String handler, List<String> allocators, int connections, long durationMs, long warmupMs,
                         long cooldownMs, long sampleIntervalMs, int trials, List<String> jvmArgs, long loadWarmupMs,
                         double rate, List<String> generatorJvmArgs, RequestShape request, long settleMs,
                         Long requestTimeoutMs, List<RunJdk> jdks) {
        this(handler, allocators, connections, durationMs, warmupMs, cooldownMs, sampleIntervalMs, trials, jvmArgs,
                loadWarmupMs, rate, generatorJvmArgs, request, settleMs, requestTimeoutMs, jdks, null, null);
    }

    /** A configuration without its JDKs, as results files before them recorded. */
    public ConfigSummary(String handler, List<String> allocators, int connections, long durationMs, long warmupMs,
                         long cooldownMs, long sampleIntervalMs, int trials, List<String> jvmArgs, long loadWarmupMs,
                         double rate, List<String> generatorJvmArgs, RequestShape request, long settleMs,
                         Long requestTimeoutMs) {
        this(handler, allocators, connections, durationMs, warmupMs, cooldownMs, sampleIntervalMs, trials, jvmArgs,
                loadWarmupMs, rate, generatorJvmArgs, request, settleMs, requestTimeoutMs, List.of(), null, null);
    }

    /** A closed-loop configuration without a load warm-up, as results files before those settings recorded. */
    public ConfigSummary(String handler, List<String> allocators, int connections, long durationMs, long warmupMs,
                         long cooldownMs, long sampleIntervalMs, int trials, List<String> jvmArgs) {
        this(handler, allocators, connections, durationMs, warmupMs, cooldownMs, sampleIntervalMs, trials, jvmArgs,
                0, 0, null, null, 0, null, List.of(), null, null);
    }

    /**
     * Where the server and the load generator were asked to run, for people: {@code server CPUs 0-1, generator CPUs
     * 2-3}, {@code server CPUs 0-1, generator not pinned}, or {@value #NOT_PINNED}.
     */
    public String cpuPlacement() {
        if (serverCpus == null && generatorCpus == null) {
            return NOT_PINNED;
        }
        return "server " + (serverCpus == null ? NOT_PINNED : "CPUs " + serverCpus) + ", generator "
                + (generatorCpus == null ? NOT_PINNED : "CPUs " + generatorCpus);
    }

    /**
     * What the runs are grouped by, in bench order: the allocators, or on several (labelled) JDKs each allocator on
     * each JDK ({@code system@jdk17}, {@code jemalloc@jdk17}, {@code system@jdk25}, ...), see
     * {@link RunResult#variant()}.
     */
    public List<String> variants() {
        List<String> names = allocators == null ? List.of() : allocators;
        if (jdks.stream().allMatch(j -> j.label() == null)) {
            return names;
        }
        List<String> variants = new ArrayList<>();
        for (RunJdk jdk : jdks) {
            names.forEach(a -> variants.add(RunResult.variantOf(a, jdk.label())));
        }
        return List.copyOf(variants);
    }

    /** This configuration naming other allocators and trials; every other setting is kept, present and future. */
    public ConfigSummary withAllocators(List<String> newAllocators, int newTrials) {
        return new ConfigSummary(handler, newAllocators, connections, durationMs, warmupMs, cooldownMs,
                sampleIntervalMs, newTrials, jvmArgs, loadWarmupMs, rate, generatorJvmArgs, request, settleMs,
                requestTimeoutMs, jdks, serverCpus, generatorCpus);
    }

    /** This configuration with the JDKs its servers ran on. */
    public ConfigSummary withJdks(List<RunJdk> newJdks) {
        return new ConfigSummary(handler, allocators, connections, durationMs, warmupMs, cooldownMs,
                sampleIntervalMs, trials, jvmArgs, loadWarmupMs, rate, generatorJvmArgs, request, settleMs,
                requestTimeoutMs, newJdks, serverCpus, generatorCpus);
    }

    /** This configuration with another handler, e.g. the handlers of several merged sources. */
    public ConfigSummary withHandler(String newHandler) {
        return new ConfigSummary(newHandler, allocators, connections, durationMs, warmupMs, cooldownMs,
                sampleIntervalMs, trials, jvmArgs, loadWarmupMs, rate, generatorJvmArgs, request, settleMs,
                requestTimeoutMs, jdks, serverCpus, generatorCpus);
    }
}
