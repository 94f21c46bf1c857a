package io.github.allocbench.bench;

import io.github.allocbench.units.ConfigurationException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Where a bench runs, as opposed to what it measures: which project it is (to name it to a bench that waits for it),
 * which module of a multi-module build (to tag its progress lines), how long it waits for the machine's bench lock,
 * where that lock lives, how free disk space is read and the environment variables it sees (a CI job's
 * {@code GITHUB_STEP_SUMMARY}). Tests replace the last three.
 *
 * @param project       the project's name for the lock's owner line, e.g. its artifact id
 * @param module        the module named on every progress line, or {@code null} when the build has one module
 * @param lockTimeout   how long to wait for another bench on the machine before failing
 * @param lockDirectory the directory of the machine-wide lock file, normally the temporary directory
 * @param freeSpace     reads the output disk's free space before the first run
 * @param environment   the environment's variables by name, {@code System::getenv} unless a test sets its own
 */
public record BenchSite(String project, String module, Duration lockTimeout, Path lockDirectory,
                        DiskSpace.FreeSpace freeSpace, UnaryOperator<String> environment) {

    /** How long a bench waits for another by default: a default bench of three allocators takes a few minutes. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(30);

    public BenchSite {
        if (lockTimeout == null || lockTimeout.isNegative()) {
            throw new ConfigurationException("lockTimeout is " + lockTimeout + "; set <lockTimeout> "
                    + "(-Dallocbench.lockTimeout) to 0s or more, e.g. 30m.");
        }
        project = project == null || project.isBlank() ? "unnamed project" : project;
        lockDirectory = lockDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : lockDirectory;
        freeSpace = freeSpace == null ? DiskSpace.FreeSpace.SYSTEM : freeSpace;
        environment = environment == null ? System::getenv : environment;
    }

    /** A site that sees the process's own environment. */
    public BenchSite(String project, String module, Duration lockTimeout, Path lockDirectory,
                     DiskSpace.FreeSpace freeSpace) {
        this(project, module, lockTimeout, lockDirectory, freeSpace, null);
    }

    /** A single-module project with the default lock timeout, the system's temporary directory and free space. */
    public static BenchSite of(String project) {
        return new BenchSite(project, null, DEFAULT_LOCK_TIMEOUT, null, null);
    }
}
