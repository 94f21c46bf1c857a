package io.github.allocbench.load;

import io.github.allocbench.memory.ProcStatus;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * What the load generator costs the JVM it runs in, so that the report can show it next to the server's figures:
 * the JVM's CPU time since this object was made (all threads, the generator's garbage collection included) and the
 * highest resident set size seen at the samples taken during the run.
 */
final class Footprint {

    private final long cpuStartNanos = processCpuNanos();
    private long maxRssKb;

    /** Reads this JVM's resident set size now and keeps it if it is the highest so far. */
    void sampleRss() {
        try {
            maxRssKb = Math.max(maxRssKb, ProcStatus.read(ProcessHandle.current().pid()).vmRssKb());
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux): the footprint has no RSS, which the result shows as 0.
        }
    }

    long maxRssKb() {
        return maxRssKb;
    }

    /** CPU seconds since this footprint started, or {@code 0} where the JVM does not report its CPU time. */
    double cpuSeconds() {
        long now = processCpuNanos();
        return now < 0 || cpuStartNanos < 0 ? 0 : (now - cpuStartNanos) / 1e9;
    }

    /**
     * Where the generator runs: {@code maven} inside Maven's JVM (which sets {@code maven.home}), else {@code own}.
     */
    static String jvm() {
        return System.getProperty("maven.home") != null ? "maven" : "own";
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
