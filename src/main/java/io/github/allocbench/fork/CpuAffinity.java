package io.github.allocbench.fork;

import io.github.allocbench.units.CpuList;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Pins a forked JVM to a set of CPUs and reads back where a process may run. The pin is {@code taskset -c <list>}
 * in front of the command: taskset sets its own affinity ({@code sched_setaffinity}) and then execs the command, so
 * the JVM keeps taskset's process id (the one the host started, whose {@code /proc/<pid>/maps} proves the preload
 * and whose memory is sampled) and every thread it starts inherits the set.
 */
public final class CpuAffinity {

    /** The program that pins, from Debian's and Ubuntu's {@code util-linux} package. */
    public static final String TASKSET = "taskset";

    private static final String ALLOWED_FIELD = "Cpus_allowed_list:";

    private CpuAffinity() {
    }

    /** {@code taskset -c <cpus>}, the words that go before a command to pin it; empty for {@code null}. */
    public static List<String> prefix(CpuList cpus) {
        return cpus == null ? List.of() : List.of(TASKSET, "-c", cpus.toString());
    }

    /**
     * Where {@link #TASKSET} is found on {@code pathVariable} (the value of {@code PATH}), as the process starter
     * looks it up; empty when it is in none of its directories.
     */
    public static Optional<Path> findTaskset(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, TASKSET);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException unusable) {
                // An entry that is no path holds no program either.
            }
        }
        return Optional.empty();
    }

    /**
     * The CPUs process {@code pid} may run on now, as the kernel writes them in its {@code /proc/<pid>/status}.
     *
     * @throws IOException when the file cannot be read (the process is gone) or has no such line
     */
    public static String allowedCpus(long pid) throws IOException {
        return allowedCpus(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** The CPUs this JVM (Maven's, for the bench) may run on: {@code Cpus_allowed_list} of {@code /proc/self}. */
    public static String allowedCpusHere() throws IOException {
        return allowedCpus(Path.of("/proc", "self", "status"));
    }

    /**
     * The {@code Cpus_allowed_list} of a status file.
     *
     * @throws IOException when the file cannot be read or has no such line
     */
    static String allowedCpus(Path status) throws IOException {
        return allowedCpusIn(Files.readString(status))
                .orElseThrow(() -> new IOException(status + " has no " + ALLOWED_FIELD + " line"));
    }

    /** The value of the {@code Cpus_allowed_list} line of a {@code /proc/<pid>/status} text, if it has one. */
    static Optional<String> allowedCpusIn(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(ALLOWED_FIELD)) {
                return Optional.of(line.substring(ALLOWED_FIELD.length()).strip());
            }
        }
        return Optional.empty();
    }
}
