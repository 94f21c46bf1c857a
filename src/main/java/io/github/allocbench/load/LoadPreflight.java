package io.github.allocbench.load;

import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.Units;

/**
 * Checks, before any server is forked, that this machine can hold the connections asked for: the open-file limit
 * of the JVM the load generator runs in and of the forked server (each end of every connection is a file
 * descriptor) against {@code connections} plus a margin, and the local port range, above which the connections are
 * spread over several loopback source addresses. Without it a too-low limit shows up minutes later as thousands of
 * "too many open files" errors that look like a server problem.
 */
public final class LoadPreflight {

    /** Descriptors the generator's JVM keeps for what else it opens: jars, selectors, logs, the fork's link. */
    static final int GENERATOR_MARGIN = 64;
    /** Descriptors the server keeps for its jars, selectors, listening socket and link. */
    static final int SERVER_MARGIN = 256;

    private LoadPreflight() {
    }

    /**
     * The source addresses {@code connections} will use, after checking the limits.
     *
     * @throws IllegalArgumentException naming the limits found, the number needed and how to raise them
     */
    public static SourceAddresses check(int connections, SystemLimits limits) {
        long generatorNeeds = connections + GENERATOR_MARGIN;
        long serverNeeds = connections + SERVER_MARGIN;
        long generatorFree = limits.maxFiles() < 0 ? Long.MAX_VALUE
                : limits.maxFiles() - Math.max(0, limits.openFiles());
        boolean generatorShort = limits.maxFiles() >= 0 && generatorFree < generatorNeeds;
        boolean serverShort = limits.hardMaxFiles() >= 0 && limits.hardMaxFiles() < serverNeeds;
        if (generatorShort || serverShort) {
            long raiseTo = roundUp(Math.max(generatorNeeds + Math.max(0, limits.openFiles()), serverNeeds));
            throw new ConfigurationException(Units.count(connections) + " connections need about "
                    + Units.count(serverNeeds) + " open files in the forked server and "
                    + Units.count(generatorNeeds) + " in the load generator's JVM, which inherits the Maven JVM's "
                    + "limits, but the open-file limits found are: Maven JVM " + limit(limits.maxFiles()) + " ("
                    + Units.count(Math.max(0, limits.openFiles())) + " open already), forked server "
                    + limit(limits.hardMaxFiles()) + " (the hard limit in /proc/self/limits, which it "
                    + "inherits). Raise the limit to at least " + Units.count(raiseTo) + " before starting Maven: "
                    + "ulimit -n " + raiseTo + " in the shell (above the hard limit this needs root or a "
                    + "'nofile' line in /etc/security/limits.conf), LimitNOFILE=" + raiseTo + " for a systemd "
                    + "service, docker run --ulimit nofile=" + raiseTo + ":" + raiseTo + " for a container; or set "
                    + "<connections> (-Dallocbench.connections) to at most "
                    + Units.count(Math.max(0, Math.min(generatorFree - GENERATOR_MARGIN,
                            limits.hardMaxFiles() < 0 ? Long.MAX_VALUE : limits.hardMaxFiles() - SERVER_MARGIN)))
                    + ".");
        }
        int ports = limits.ports();
        if (ports < 0) {
            return SourceAddresses.plan(connections, Integer.MAX_VALUE, 0);
        }
        if (ports <= SourceAddresses.PORT_RESERVE) {
            throw new ConfigurationException("the local port range is " + limits.portRangeLow() + "-"
                    + limits.portRangeHigh() + " (" + ports + " ports), too narrow for " + Units.count(connections)
                    + " connections. Widen it: sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\".");
        }
        return SourceAddresses.plan(connections, ports, 0);
    }

    /** {@link #check(int, SystemLimits)} against this machine's limits now. */
    public static SourceAddresses check(int connections) {
        return check(connections, SystemLimits.current());
    }

    /**
     * Checks this machine's limits now and says in one line for the build log what was found.
     *
     * @throws IllegalArgumentException as {@link #check(int, SystemLimits)}
     */
    public static String checkAndDescribe(int connections) {
        SystemLimits limits = SystemLimits.current();
        return describe(connections, limits, check(connections, limits));
    }

    /** A line for the build log saying what was checked. */
    public static String describe(int connections, SystemLimits limits, SourceAddresses sources) {
        String ports = limits.ports() < 0 ? "port range unknown"
                : "port range " + limits.portRangeLow() + "-" + limits.portRangeHigh();
        return "Preflight: " + Units.count(connections) + " connections fit the open-file limits (Maven JVM "
                + limit(limits.maxFiles()) + ", forked server " + limit(limits.hardMaxFiles()) + ") and "
                + ports + "; source address" + (sources.count() > 1 ? "es " : " ")
                + String.join(", ", sources.addresses()) + ".";
    }

    private static String limit(long value) {
        if (value < 0) {
            return "unknown";
        }
        return value == Long.MAX_VALUE ? "unlimited" : Units.count(value);
    }

    private static long roundUp(long n) {
        return (n + 999) / 1000 * 1000;
    }
}
