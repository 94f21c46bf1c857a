package io.github.allocbench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of the machine's CPU clock ({@code /proc/stat}) and of one process's CPU time
 * ({@code /proc/<pid>/stat}), all in the kernel's clock ticks. Two readings tell how busy the process and the machine
 * were in between, which decides whether a load generator could keep up or was starved of CPU; ticks rather than
 * seconds, so that no clock-tick rate has to be assumed.
 *
 * @param cpus         the processors {@code /proc/stat} lists
 * @param machineTicks the time all processors have run, busy or idle, summed over processors
 * @param idleTicks    the part of it they were idle or waiting for I/O
 * @param processTicks the user and system time the process has used, all its threads
 */
public record CpuTimes(int cpus, long machineTicks, long idleTicks, long processTicks) {

    /**
     * The reading for process {@code pid} now.
     *
     * @throws IOException when a file cannot be read, e.g. the process is gone
     */
    public static CpuTimes read(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc/stat")),
                Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * The reading in {@code procStat}, the content of {@code /proc/stat}, and {@code pidStat}, that of
     * {@code /proc/<pid>/stat}.
     *
     * @throws IllegalArgumentException when either is not in the kernel's format
     */
    public static CpuTimes parse(String procStat, String pidStat) {
        long machine = -1;
        long idle = 0;
        int cpus = 0;
        for (String line : procStat.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                if (f.length < 5) {
                    throw new IllegalArgumentException("/proc/stat has a short cpu line: " + line);
                }
                machine = 0;
                // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    machine += Long.parseLong(f[i]);
                }
                idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            } else if (f[0].matches("cpu\\d+")) {
                cpus++;
            }
        }
        if (machine < 0) {
            throw new IllegalArgumentException("/proc/stat has no cpu line");
        }
        // The command name may hold spaces and parentheses: the fields start after the last ')'.
        int close = pidStat.lastIndexOf(')');
        String[] f = close < 0 ? new String[0] : pidStat.substring(close + 1).trim().split("\\s+");
        if (f.length < 13) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line without utime and stime: " + pidStat);
        }
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
        long process = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return new CpuTimes(Math.max(1, cpus), machine, idle, process);
    }

    /**
     * How busy the process and the machine were from {@code start} to this reading.
     *
     * @throws IllegalArgumentException when no machine time passed between the two readings
     */
    public CpuUse since(CpuTimes start) {
        long elapsed = machineTicks - start.machineTicks;
        if (elapsed <= 0) {
            throw new IllegalArgumentException("no CPU time passed between the two readings");
        }
        // machineTicks runs cpus times as fast as the wall clock, so this is the process's share in cores.
        double processCores = cpus * (double) (processTicks - start.processTicks) / elapsed;
        double idlePercent = 100.0 * (idleTicks - start.idleTicks) / elapsed;
        return new CpuUse(cpus, processCores, idlePercent);
    }

    /**
     * What one process and the machine used of the CPU over a window.
     *
     * @param cpus         the machine's processors
     * @param processCores the process's CPU time divided by the window: 1.0 is one core busy all the time
     * @param idlePercent  the share of all processors' time that was idle, 0 to 100
     */
    public record CpuUse(int cpus, double processCores, double idlePercent) {
    }
}
