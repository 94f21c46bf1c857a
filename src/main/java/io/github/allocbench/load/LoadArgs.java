package io.github.allocbench.load;

import io.github.allocbench.units.HumanDuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The named arguments of the load generator's entry point {@code LoadMain}, written by the host's {@link LoadFork}
 * and read by the child, with one set of defaults, so that both agree: {@code [--link-port N] --port N
 * [--host 127.0.0.1] [--connections 10000] [--duration 10s] [--rate 0] [--sources 0] [--warmup 0s]
 * [--warmup-connections <connections>] [--settle 0s] [--request-timeout 10s] [--request file.json]}, or
 * {@code --print-jvm-options [--connections N]}. Without a link port the generator runs standalone, as
 * {@code benchmarks/loadgen-vs-peers.sh} starts it by hand; with one, the port may be left out, and the host names it
 * on the link once the server is up.
 *
 * @param linkPort          the host's link port on 127.0.0.1, or 0 for a standalone run
 * @param host              the server's address
 * @param port              the server's port, or 0 when only the JVM options are asked for or when the host names it
 *                          on the link ({@code TARGET})
 * @param connections       the measured load's connections
 * @param duration          the measured window
 * @param rate              the open loop's requests per second, or 0 for a closed loop
 * @param sources           loopback source addresses, or 0 for as many as the connections need
 * @param warmup            the unmeasured warm-up before the load, zero for none
 * @param warmupConnections the warm-up's connections
 * @param settle            the pause between the ramp and the measured window
 * @param requestTimeout    how long a request may wait for its response before it counts as a {@code timeout}
 * @param requestFile       the request shape as JSON, or {@code null} for the default request
 * @param printJvmOptions   print the generator's default JVM options for {@code connections} and exit
 */
public record LoadArgs(int linkPort, String host, int port, int connections, Duration duration, double rate,
                       int sources, Duration warmup, int warmupConnections, Duration settle,
                       Duration requestTimeout, Path requestFile, boolean printJvmOptions) {

    /** The generator's entry point, named here so that the host side never loads child code. */
    public static final String MAIN_CLASS = "io.github.allocbench.child.LoadMain";

    /** The usage line a refusal ends with. */
    public static final String USAGE = "usage: LoadMain [--link-port N] --port N [--host 127.0.0.1]"
            + " [--connections 10000] [--duration 10s] [--rate 0] [--sources 0] [--warmup 0s]"
            + " [--warmup-connections N] [--settle 0s] [--request-timeout 10s] [--request file.json]"
            + " | --print-jvm-options [--connections N]";

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_CONNECTIONS = 10_000;
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    public LoadArgs {
        if (port == 0 && !printJvmOptions && linkPort == 0) {
            throw new IllegalArgumentException("--port is missing");
        }
        if (linkPort < 0 || linkPort > 65535) {
            throw new IllegalArgumentException("--link-port " + linkPort + " is not a port (1-65535)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a port (1-65535)");
        }
    }

    /**
     * The arguments of a generator linked to the host on {@code linkPort}, which names the server's port on the link
     * once the server is up.
     *
     * @param settings    the measured load; its request shape travels in {@code requestFile}
     * @param requestFile where the host wrote the request shape
     */
    public static LoadArgs linked(int linkPort, LoadSettings settings, Duration warmup, int warmupConnections,
                                  Path requestFile) {
        return new LoadArgs(linkPort, settings.host(), 0, settings.connections(), settings.duration(),
                settings.rate(), settings.sourceAddresses(), warmup, warmupConnections, settings.settle(),
                settings.requestTimeout(), requestFile, false);
    }

    /** Whether a host started this generator and waits on the link. */
    public boolean isLinked() {
        return linkPort != 0;
    }

    /** The arguments as they go on the command line; durations in milliseconds, so nothing is rounded. */
    public List<String> toList() {
        List<String> args = new ArrayList<>();
        if (printJvmOptions) {
            args.add("--print-jvm-options");
        }
        if (linkPort != 0) {
            args.addAll(List.of("--link-port", Integer.toString(linkPort)));
        }
        args.addAll(List.of("--host", host));
        if (port != 0) {
            args.addAll(List.of("--port", Integer.toString(port)));
        }
        args.addAll(List.of("--connections", Integer.toString(connections),
                "--duration", duration.toMillis() + "ms",
                "--rate", Double.toString(rate),
                "--sources", Integer.toString(sources),
                "--warmup", warmup.toMillis() + "ms",
                "--warmup-connections", Integer.toString(warmupConnections),
                "--settle", settle.toMillis() + "ms",
                "--request-timeout", requestTimeout.toMillis() + "ms"));
        if (requestFile != null) {
            args.addAll(List.of("--request", requestFile.toString()));
        }
        return List.copyOf(args);
    }

    /**
     * The arguments in {@code args}, the defaults for those not given.
     *
     * @throws IllegalArgumentException naming an unknown, valueless or malformed argument, or a missing port
     */
    public static LoadArgs parse(String... args) {
        int linkPort = 0;
        String host = DEFAULT_HOST;
        int port = 0;
        int connections = DEFAULT_CONNECTIONS;
        Duration duration = DEFAULT_DURATION;
        double rate = 0;
        int sources = 0;
        Duration warmup = Duration.ZERO;
        Integer warmupConnections = null;
        Duration settle = Duration.ZERO;
        Duration requestTimeout = LoadSettings.DEFAULT_REQUEST_TIMEOUT;
        Path requestFile = null;
        boolean printJvmOptions = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--print-jvm-options")) {
                printJvmOptions = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " has no value");
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--link-port" -> linkPort = Integer.parseInt(value);
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--duration" -> duration = HumanDuration.parse(name, value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--sources" -> sources = Integer.parseInt(value);
                    case "--warmup" -> warmup = HumanDuration.parse(name, value);
                    case "--warmup-connections" -> warmupConnections = Integer.parseInt(value);
                    case "--settle" -> settle = HumanDuration.parse(name, value);
                    case "--request-timeout" -> requestTimeout = HumanDuration.parse(name, value);
                    case "--request" -> requestFile = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown argument " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is '" + value + "', which is not a number", e);
            }
        }
        return new LoadArgs(linkPort, host, port, connections, duration, rate, sources, warmup,
                warmupConnections == null ? connections : warmupConnections, settle, requestTimeout, requestFile,
                printJvmOptions);
    }
}
