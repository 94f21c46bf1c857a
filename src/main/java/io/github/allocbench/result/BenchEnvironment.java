package io.github.allocbench.result;

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
 */
public record BenchEnvironment(String os, String kernel, String arch, int cpus, long memoryBytes, String java,
                               String jetty, String cpuModel, Long cgroupMemoryLimitBytes, Long openFileLimit) {

    /** An environment recorded without the later fields. */
    public BenchEnvironment(String os, String kernel, String arch, int cpus, long memoryBytes, String java,
                            String jetty) {
        this(os, kernel, arch, cpus, memoryBytes, java, jetty, null, null, null);
    }
}
