package io.github.allocbench.bench;

import io.github.allocbench.fork.CpuAffinity;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.CpuList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of {@code serverCpus} and {@code generatorCpus}, the optional pins of the forked server and the load
 * generator to CPUs of their own, and the rule that a run whose pin did not hold is no measurement. Either may be set
 * alone (a server pinned to two CPUs measures it as a two-CPU container would run it; a generator pinned alone keeps
 * off the CPUs it is not given); when both are set they must not share a CPU, since sharing is what pinning is there
 * to prevent. Each CPU must be one this build may run on, and {@code taskset} must be installed: both are checked
 * before any server starts.
 */
final class CpuPlacement {

    private static final String SERVER = "serverCpus";
    private static final String GENERATOR = "generatorCpus";

    private CpuPlacement() {
    }

    /**
     * Refuses a server and a generator list that share a CPU.
     *
     * @throws ConfigurationException naming both lists, the CPUs they share and a disjoint choice
     */
    static void requireDisjoint(CpuList server, CpuList generator) {
        if (server == null || generator == null) {
            return;
        }
        CpuList shared = server.intersection(generator);
        if (shared.isEmpty()) {
            return;
        }
        CpuList rest = generator.without(server);
        throw new ConfigurationException(SERVER + " (" + server + ") and " + GENERATOR + " (" + generator
                + ") share CPU" + (shared.size() == 1 ? " " : "s ") + shared + ", so the load generator could take "
                + "CPU time from the server, which pinning is there to prevent. Give them disjoint lists"
                + (rest.isEmpty() ? ", e.g. " + SERVER + " 0-1 and " + GENERATOR + " 2-3" : ", e.g. " + GENERATOR
                + " " + rest) + ", or leave " + GENERATOR + " empty.");
    }

    /**
     * Refuses pins this machine cannot apply: a CPU outside {@code allowed} (the CPUs this JVM may run on, which its
     * children inherit) or no {@code taskset} to pin with. Nothing is checked when neither list is set.
     *
     * @param taskset where {@code taskset} was found on the PATH, or empty
     * @throws ConfigurationException naming the parameter, its value and the fix
     */
    static void requireUsable(CpuList server, CpuList generator, CpuList allowed, Optional<Path> taskset) {
        requireAllowed(SERVER, server, allowed);
        requireAllowed(GENERATOR, generator, allowed);
        if ((server != null || generator != null) && taskset.isEmpty()) {
            throw new ConfigurationException(pinned(server, generator) + (server != null && generator != null
                    ? " are" : " is") + " set, but " + CpuAffinity.TASKSET
                    + " is not on the PATH, and the bench pins the forked JVMs with it. Install it (Debian/Ubuntu: "
                    + "apt-get install util-linux) or leave " + SERVER + " and " + GENERATOR + " empty.");
        }
    }

    /**
     * {@link #requireUsable} against this JVM's {@code Cpus_allowed_list} and PATH.
     *
     * @throws ConfigurationException as {@link #requireUsable} does, or when this JVM's CPUs cannot be read
     */
    static void requireUsableHere(CpuList server, CpuList generator) {
        if (server == null && generator == null) {
            return;
        }
        String here;
        try {
            here = CpuAffinity.allowedCpusHere();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the CPUs this build may run on (" + e.getMessage()
                    + "), so " + pinned(server, generator) + " cannot be checked. Pinning needs Linux's /proc; "
                    + "leave " + SERVER + " and " + GENERATOR + " empty.", e);
        }
        requireUsable(server, generator, CpuList.parse("Cpus_allowed_list of /proc/self/status", here),
                CpuAffinity.findTaskset(System.getenv("PATH")));
    }

    /**
     * Why a run's pins did not hold: one sentence for each side that was pinned but whose applied list, read from
     * {@code /proc/<pid>/status}, differs from the one asked for or could not be read.
     *
     * @param appliedServer    the server's {@code Cpus_allowed_list}, or {@code null} when it was not read
     * @param appliedGenerator the generator's, likewise
     */
    static List<String> problems(CpuList server, CpuList generator, String appliedServer, String appliedGenerator) {
        List<String> reasons = new ArrayList<>();
        problem("the server", SERVER, server, appliedServer).ifPresent(reasons::add);
        problem("the load generator", GENERATOR, generator, appliedGenerator).ifPresent(reasons::add);
        return reasons;
    }

    private static Optional<String> problem(String who, String parameter, CpuList asked, String applied) {
        if (asked == null) {
            return Optional.empty();
        }
        if (applied == null) {
            return Optional.of(who + "'s CPUs could not be read from /proc/<pid>/status, so its pin to " + parameter
                    + " " + asked + " is not proven");
        }
        CpuList actual;
        try {
            actual = CpuList.parse("Cpus_allowed_list", applied);
        } catch (ConfigurationException unreadable) {
            actual = null;
        }
        if (asked.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(who + " was allowed CPUs " + applied + ", not the " + parameter + " " + asked
                + " asked for, so it did not run where it was pinned");
    }

    private static void requireAllowed(String parameter, CpuList asked, CpuList allowed) {
        if (asked == null) {
            return;
        }
        CpuList outside = asked.without(allowed);
        if (!outside.isEmpty()) {
            throw new ConfigurationException(parameter + " is " + asked + ", but CPU" + (outside.size() == 1 ? " "
                    : "s ") + outside + (outside.size() == 1 ? " is" : " are") + " not among the CPUs this build may"
                    + " run on (" + allowed + ", Cpus_allowed_list of /proc/self/status). Set <" + parameter
                    + "> (or -Dallocbench." + parameter + ") to CPUs within " + allowed + ", or leave it empty.");
        }
    }

    private static String pinned(CpuList server, CpuList generator) {
        return server != null && generator != null ? SERVER + " (" + server + ") and " + GENERATOR + " ("
                + generator + ")" : server != null ? SERVER + " (" + server + ")" : GENERATOR + " (" + generator + ")";
    }
}
