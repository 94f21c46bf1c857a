package io.github.allocbench.bench;

import io.github.allocbench.result.BenchEnvironment;

import org.eclipse.jetty.util.Jetty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the facts about this machine that decide whether two bench results can be compared. */
public final class EnvironmentProbe {

    /** cgroup v1 writes "no limit" as a huge page-aligned number rather than a word. */
    private static final long CGROUP_V1_UNLIMITED = 1L << 62;

    private EnvironmentProbe() {
    }

    /** The environment the forked servers run in: this machine and the JVM running the plugin. */
    public static BenchEnvironment current() {
        return new BenchEnvironment(
                System.getProperty("os.name"),
                firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                memTotalBytes(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Jetty.VERSION,
                cpuModel(Path.of("/proc/cpuinfo")),
                cgroupMemoryLimit(Path.of("/sys/fs/cgroup")),
                openFileLimit());
    }

    /** The first {@code model name} of {@code cpuinfo}, or {@code null} (some ARM kernels write none). */
    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    String model = line.substring(colon + 1).trim();
                    return model.isEmpty() ? null : model;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * The memory limit of this process' cgroup in bytes, or {@code null} when there is none or it cannot be read:
     * cgroup v2's {@code memory.max}, else v1's {@code memory/memory.limit_in_bytes}, under {@code root}.
     */
    static Long cgroupMemoryLimit(Path root) {
        for (Path file : List.of(root.resolve("memory.max"), root.resolve("memory/memory.limit_in_bytes"))) {
            String value = firstLine(file, null);
            if (value == null) {
                continue;
            }
            if (value.equals("max")) {
                return null;
            }
            try {
                long bytes = Long.parseLong(value);
                return bytes >= CGROUP_V1_UNLIMITED ? null : bytes;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        // The JVM raises its soft limit to the hard one at start-up (MaxFDLimit), so this is what a fork gets too.
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            return max > 0 ? max : null;
        }
        return null;
    }

    private static String firstLine(Path file, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? fallback : lines.get(0).trim();
        } catch (IOException e) {
            return fallback;
        }
    }

    private static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
