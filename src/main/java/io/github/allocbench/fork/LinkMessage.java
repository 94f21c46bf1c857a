package io.github.allocbench.fork;

import io.github.allocbench.result.JvmSnapshot;

import java.util.Objects;

/**
 * A message on the link between the host and a forked child, one per line. The server says {@link Ready} or
 * {@link Failed} once after start-up, then {@link Telemetry} about once a second, {@link Trimmed} after a
 * {@link Trim} and {@link Bye} after a {@link Stop} from the host. The load generator, told the server's port by
 * {@link Target}, says {@link Warm} after its warm-up, then on {@link Go} from the host {@link Ramp}, one
 * {@link Second} a second and {@link Result}, or {@link Failed}. {@link LinkCodec} is the only place that turns these
 * into text and back, so both sides always speak the same protocol.
 */
public sealed interface LinkMessage {

    /**
     * The child's Jetty server is accepting connections.
     *
     * @param port the port it listens on at 127.0.0.1
     * @param pid  the child's process id, as the child sees it
     */
    record Ready(int port, long pid) implements LinkMessage {
    }

    /**
     * The child could not start the server and is about to exit.
     *
     * @param reason what went wrong and how to fix it; may span lines
     */
    record Failed(String reason) implements LinkMessage {
    }

    /** The host asks the child to stop its server and exit. */
    record Stop() implements LinkMessage {
    }

    /** The host asks the server's JVM to return the free memory of glibc's malloc heap to the operating system. */
    record Trim() implements LinkMessage {
    }

    /**
     * The server's JVM trimmed its malloc heap, or could not.
     *
     * @param report the JVM's one-line report ("Trim native heap: RSS+Swap: 250M->240M (-10M)"), or why it could not
     */
    record Trimmed(String report) implements LinkMessage {
        public Trimmed {
            Objects.requireNonNull(report, "report");
        }
    }

    /** The child stopped its server and is exiting. */
    record Bye() implements LinkMessage {
    }

    /**
     * The child's JVM reports its own memory: heap, non-heap, buffer pools, GC, threads and NMT's summary.
     *
     * @param snapshot what the JVM sees of itself
     */
    record Telemetry(JvmSnapshot snapshot) implements LinkMessage {
        public Telemetry {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * The host names the server's port to a generator started before the server was up; the generator then runs its
     * warm-up.
     *
     * @param port the server's port on the generator's target host
     */
    record Target(int port) implements LinkMessage {
    }

    /**
     * The generator finished its warm-up and waits for {@link Go}.
     *
     * @param resultJson the warm-up's result as JSON on one line, or {@code null} when there was no warm-up
     */
    record Warm(String resultJson) implements LinkMessage {
    }

    /** The host tells the generator to run the measured load. */
    record Go() implements LinkMessage {
    }

    /**
     * The generator's ramp ended.
     *
     * @param connectionsOpened the connections it opened
     * @param rampMs            how long opening them took
     */
    record Ramp(int connectionsOpened, long rampMs) implements LinkMessage {
    }

    /**
     * One second of the measured load ended.
     *
     * @param second          its number, from 1
     * @param responses       the responses completed in it
     * @param openConnections the connections open at its end
     */
    record Second(int second, long responses, int openConnections) implements LinkMessage {
    }

    /**
     * The generator's measured result.
     *
     * @param resultJson the result as JSON on one line
     */
    record Result(String resultJson) implements LinkMessage {
        public Result {
            Objects.requireNonNull(resultJson, "resultJson");
        }
    }
}
