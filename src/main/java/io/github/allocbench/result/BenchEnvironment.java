package io.github.allocbench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine and software a bench ran on, as written into {@code results.json} and the report. Fields after
 * {@code jetty} were added later and are {@code null} in files written before them, or where the machine does not
 * tell.
 *
 * @param os                     operating system name
 * @param kernel                 kernel release
 * @param arch                   CPU architecture
 * @param cpus                   processors available to the JVM
 * @param memoryBytes            physical memory of the machine
 * @param java                   version of the JVM that ran the servers
 * @param jetty                  Jetty version of the plugin
 * @param cpuModel               the CPU's model name from {@code /proc/cpuinfo}, or {@code null}
 * @param cgroupMemoryLimitBytes the memory limit of the cgroup the bench ran in, or {@code null} for none
 * @param openFileLimit          the most file descriptors a JVM may open here (its raised soft limit), or
 *                               {@code null} when unknown; each held connection takes one on both sides
 * @param transparentHugePages   the kernel's transparent huge page mode ({@code always}, {@code madvise},
 *                               {@code never}), or {@code null} when unknown: it decides how much RSS an allocator's
 *                               partly used regions cost
 * @param allocators             per allocator benched, its library, package and settings as the server saw them
 */
public record BenchEnvironment(String os, String kernel, String arch, int cpus, long memoryBytes, String java,
                               String jetty, String cpuModel, Long cgroupMemoryLimitBytes, Long openFileLimit,
                               String transparentHugePages, Map<String, AllocatorContext> allocators) {

    public BenchEnvironment {
        allocators = allocators == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(allocators));
    }

    /** An environment recorded without the allocator context. */
    public BenchEnvironment(String os, String kernel, String arch, int cpus, long memoryBytes, String java,
                            String jetty, String cpuModel, Long cgroupMemoryLimitBytes, Long openFileLimit) {
        this(os, kernel, arch, cpus, memoryBytes, java, jetty, cpuModel, cgroupMemoryLimitBytes, openFileLimit, null,
                null);
    }

    /** An environment recorded without the later fields. */
    public BenchEnvironment(String os, String kernel, String arch, int cpus, long memoryBytes, String java,
                            String jetty) {
        this(os, kernel, arch, cpus, memoryBytes, java, jetty, null, null, null, null, null);
    }
}
