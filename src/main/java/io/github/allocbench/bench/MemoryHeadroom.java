package io.github.allocbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The memory a new process could still take without pushing the machine, or the cgroup the bench runs in, into
 * reclaim: {@code MemAvailable} of {@code /proc/meminfo}, lowered to what the cgroup's limit leaves (the limit as
 * {@link EnvironmentProbe} reads it for the report, minus {@code memory.current} in cgroup v2 or
 * {@code memory.usage_in_bytes} in v1). Starting the next server beside a running one is allowed only when it fits,
 * so that overlapping two runs can never make one of them swap or be killed.
 */
final class MemoryHeadroom {

    /** What the next run's load generator and the JVMs' growth may need beside the next server's RSS. */
    static final long MARGIN_BYTES = 512L << 20;

    private final Path meminfo;
    private final Path cgroup;

    private MemoryHeadroom(Path meminfo, Path cgroup) {
        this.meminfo = meminfo;
        this.cgroup = cgroup;
    }

    /** The headroom of this machine and of the cgroup this JVM runs in. */
    static MemoryHeadroom current() {
        return new MemoryHeadroom(Path.of("/proc/meminfo"), Path.of("/sys/fs/cgroup"));
    }

    /** The headroom read from {@code meminfo} and the cgroup files under {@code cgroup}; for tests. */
    static MemoryHeadroom of(Path meminfo, Path cgroup) {
        return new MemoryHeadroom(meminfo, cgroup);
    }

    /** The bytes available now, or empty when {@code MemAvailable} cannot be read. */
    OptionalLong availableBytes() {
        OptionalLong machine = memAvailable();
        if (machine.isEmpty()) {
            return machine;
        }
        Long limit = EnvironmentProbe.cgroupMemoryLimit(cgroup);
        if (limit == null) {
            return machine;
        }
        OptionalLong used = number(cgroup.resolve("memory.current"));
        if (used.isEmpty()) {
            used = number(cgroup.resolve("memory/memory.usage_in_bytes"));
        }
        return used.isEmpty() ? machine
                : OptionalLong.of(Math.min(machine.getAsLong(), Math.max(0, limit - used.getAsLong())));
    }

    /**
     * Why a second server of about {@code serverRssBytes} cannot start beside the running one now, or {@code null}
     * when it fits with {@link #MARGIN_BYTES} to spare.
     */
    String refusal(long serverRssBytes) {
        OptionalLong available = availableBytes();
        if (available.isEmpty()) {
            return "the memory available could not be read from " + meminfo;
        }
        long needed = serverRssBytes + MARGIN_BYTES;
        if (available.getAsLong() >= needed) {
            return null;
        }
        return "only " + (available.getAsLong() >> 20) + " MiB of memory are available and a second server needs "
                + "about " + (needed >> 20) + " MiB (the running server's RSS plus 512 MiB)";
    }

    private OptionalLong memAvailable() {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The number a cgroup file holds, or empty for none or an unreadable file. */
    private static OptionalLong number(Path file) {
        try {
            String value = Files.readString(file).trim();
            return OptionalLong.of(Long.parseLong(value));
        } catch (IOException | NumberFormatException noLimit) {
            return OptionalLong.empty();
        }
    }
}
