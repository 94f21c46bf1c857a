package io.github.allocbench.bench;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.BenchEnvironment;

import org.eclipse.jetty.util.Jetty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads the facts about this machine that decide whether two bench results can be compared. */
public final class EnvironmentProbe {

    /** cgroup v1 writes "no limit" as a huge page-aligned number rather than a word. */
    private static final long CGROUP_V1_UNLIMITED = 1L << 62;
    /** The variables glibc, jemalloc, mimalloc and tcmalloc read their settings from. */
    private static final Pattern MALLOC_VARIABLE =
            Pattern.compile("MALLOC_.*|GLIBC_TUNABLES|MIMALLOC_.*|TCMALLOC_.*|JE_MALLOC_CONF|_RJEM_MALLOC_CONF");

    private EnvironmentProbe() {
    }

    /** The environment the forked servers run in: this machine and the JVM running the plugin. */
    public static BenchEnvironment current() {
        return current(List.of());
    }

    /** The environment the forked servers run in, with what each of {@code allocators} really was. */
    public static BenchEnvironment current(List<Allocator> allocators) {
        Map<String, AllocatorContext> contexts = new LinkedHashMap<>();
        for (Allocator allocator : allocators) {
            contexts.put(allocator.name(), context(allocator, System.getenv(), Path.of("/var/lib/dpkg")));
        }
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
                openFileLimit(),
                thpMode(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")),
                contexts);
    }

    /** The bracketed mode of the kernel's {@code enabled} file ("always [madvise] never"), or {@code null}. */
    static String thpMode(Path enabled) {
        String line = firstLine(enabled, "");
        int open = line.indexOf('[');
        int close = line.indexOf(']', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : null;
    }

    /**
     * The allocator as the fork sees it: the malloc variables of {@code inherited} overlaid with its own, its library
     * resolved through symbolic links, and the package owning that file in the dpkg database under {@code dpkg}.
     */
    static AllocatorContext context(Allocator allocator, Map<String, String> inherited, Path dpkg) {
        Map<String, String> env = new TreeMap<>();
        inherited.forEach((name, value) -> {
            if (MALLOC_VARIABLE.matcher(name).matches()) {
                env.put(name, value);
            }
        });
        env.putAll(allocator.environment());
        if (allocator.library() == null) {
            return new AllocatorContext(null, null, env, allocator.jvmArgs());
        }
        Path real;
        try {
            real = allocator.library().toRealPath();
        } catch (IOException e) {
            real = allocator.library();
        }
        return new AllocatorContext(real.toString(), owningPackage(dpkg, allocator.library(), real), env,
                allocator.jvmArgs());
    }

    private static String owningPackage(Path dpkg, Path... files) {
        List<String> wanted = Arrays.stream(files).map(Path::toString).toList();
        try (DirectoryStream<Path> lists = Files.newDirectoryStream(dpkg.resolve("info"), "*.list")) {
            for (Path list : lists) {
                if (Files.readAllLines(list).stream().anyMatch(wanted::contains)) {
                    String name = list.getFileName().toString().replaceFirst("\\.list$", "");
                    String version = packageVersion(dpkg.resolve("status"), name.replaceFirst(":.*$", ""));
                    return version == null ? name : name + " " + version;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String packageVersion(Path status, String name) throws IOException {
        boolean inPackage = false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Package: ")) {
                inPackage = line.substring("Package: ".length()).trim().equals(name);
            } else if (inPackage && line.startsWith("Version: ")) {
                return line.substring("Version: ".length()).trim();
            }
        }
        return null;
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
