package io.github.allocbench.result;

/**
 * The CPUs a run's server and load generator were allowed to run on, as the kernel reported them
 * ({@code Cpus_allowed_list} of {@code /proc/<pid>/status}) right after each had started: the proof that a pin asked
 * for with {@code serverCpus} or {@code generatorCpus} was applied, and where an unpinned one could run.
 *
 * @param server    the server's list, e.g. {@code 0-1}, or {@code null} when it could not be read
 * @param generator the load generator's list, or {@code null} when it could not be read or no generator started
 */
public record RunCpus(String server, String generator) {

    /** {@code server 0-1, generator 2-3}, with {@code unknown} for a list that was not read. */
    public String describe() {
        return "server " + (server == null ? "unknown" : server) + ", generator "
                + (generator == null ? "unknown" : generator);
    }
}
