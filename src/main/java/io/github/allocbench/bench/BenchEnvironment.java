package io.github.allocbench.bench;

/**
 * The machine and software a bench ran on, as written into {@code results.json} and the report.
 *
 * @param os          operating system name
 * @param kernel      kernel release
 * @param arch        CPU architecture
 * @param cpus        processors available to the JVM
 * @param memoryBytes physical memory of the machine
 * @param java        version of the JVM that ran the servers
 * @param jetty       Jetty version of the plugin
 */
public record BenchEnvironment(String os, String kernel, String arch, int cpus, long memoryBytes, String java,
                               String jetty) {
}
