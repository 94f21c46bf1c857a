package io.github.allocbench.load;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The operating-system limits that decide how many connections a bench can hold: the open-file limit of this JVM
 * (Maven's, where the load generator runs) and how many files it has open already, the hard open-file limit that a
 * forked server inherits (a JVM raises its soft limit to the hard one by itself), and the local (ephemeral) port
 * range that one source address's connections use. A value that cannot be read is {@code -1} and is not checked.
 *
 * @param maxFiles        this JVM's open-file limit
 * @param openFiles       files this JVM has open now
 * @param hardMaxFiles    the hard "Max open files" of this process, which a forked JVM inherits and raises to
 * @param portRangeLow    the first port of {@code net.ipv4.ip_local_port_range}
 * @param portRangeHigh   the last port of that range
 */
public record SystemLimits(long maxFiles, long openFiles, long hardMaxFiles, int portRangeLow, int portRangeHigh) {

    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** The limits of this process and machine as they are now. */
    public static SystemLimits current() {
        long max = -1;
        long open = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            max = os.getMaxFileDescriptorCount();
            open = os.getOpenFileDescriptorCount();
        }
        int low = -1;
        int high = -1;
        try {
            // Read by lines: Files.readString trusts the size procfs reports and returned one byte of this file here.
            String[] range = Files.readAllLines(PORT_RANGE).get(0).trim().split("\\s+");
            low = Integer.parseInt(range[0]);
            high = Integer.parseInt(range[1]);
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no procfs: the port range is not checked.
        }
        long hard = -1;
        try {
            hard = hardOpenFiles(Files.readAllLines(LIMITS));
        } catch (IOException | RuntimeException e) {
            // As above: the fork's limit is then not checked.
        }
        return new SystemLimits(max, open, hard, low, high);
    }

    /**
     * The hard value of the "Max open files" line of a {@code /proc/<pid>/limits} text, or {@code -1}; "unlimited"
     * is {@link Long#MAX_VALUE}.
     */
    static long hardOpenFiles(List<String> limitsLines) {
        for (String line : limitsLines) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                if (fields.length >= 2) {
                    return fields[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[1]);
                }
            }
        }
        return -1;
    }

    /** Ports in the local port range, or {@code -1} when it is unknown. */
    public int ports() {
        return portRangeLow < 0 || portRangeHigh < portRangeLow ? -1 : portRangeHigh - portRangeLow + 1;
    }
}
