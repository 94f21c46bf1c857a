package io.github.allocbench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How busy the machine was outside the bench's own processes during a window: the CPU time of the whole machine
 * ({@code /proc/stat}) minus that of the server, the load generator and Maven ({@code /proc/<pid>/stat}), as a share
 * of the machine's capacity. Two benches at once ran at a third to half of their throughput and called the
 * contention an allocator difference; this figure shows such a neighbour.
 */
public final class ForeignCpu {

    /** CPU ticks of the machine and of the bench's processes at one moment. */
    public record Reading(long machineBusyTicks, long machineTotalTicks, long oursTicks) {
    }

    private ForeignCpu() {
    }

    /** A reading now, or empty when {@code /proc} cannot be read or one of {@code pids} is gone. */
    public static Optional<Reading> read(List<Long> pids) {
        try {
            long[] machine = machineTicks(Files.readString(Path.of("/proc/stat")));
            long ours = 0;
            for (long pid : pids) {
                ours += processTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            }
            return Optional.of(new Reading(machine[0], machine[1], ours));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The machine's busy share outside the bench's processes between two readings, in percent of all CPUs. */
    public static Double percent(Optional<Reading> start, Optional<Reading> end) {
        if (start.isEmpty() || end.isEmpty()) {
            return null;
        }
        long total = end.get().machineTotalTicks() - start.get().machineTotalTicks();
        if (total <= 0) {
            return null;
        }
        long busy = end.get().machineBusyTicks() - start.get().machineBusyTicks();
        long ours = end.get().oursTicks() - start.get().oursTicks();
        return Math.max(0, busy - ours) * 100.0 / total;
    }

    /** Busy and total ticks from the {@code cpu} line of {@code /proc/stat}. */
    static long[] machineTicks(String procStat) {
        String[] f = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow().trim()
                .split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    /** User and system ticks of one process from its {@code /proc/<pid>/stat}; the name may contain spaces. */
    static long processTicks(String procPidStat) {
        String[] f = procPidStat.substring(procPidStat.lastIndexOf(')') + 2).trim().split("\\s+");
        // After the name: state is field 3, utime field 14 and stime field 15 of the whole line.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
