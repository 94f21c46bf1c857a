package io.github.allocbench.load;

/**
 * When each request of an open-loop, fixed-rate run is meant to be sent, as wrk2 does it: the total rate is split
 * evenly over the connections, each connection sends every {@code connections / rate} seconds, and the connections'
 * first sends are staggered over one such interval, so that the requests are spread evenly in time instead of
 * arriving in bursts. A connection whose previous response is late sends at once, and the latency of that request
 * counts from its intended send time, not from when it was really sent: the wait for the busy connection is part of
 * what a user would have seen (the correction for coordinated omission).
 */
final class RateSchedule {

    private final long startNanos;
    private final long intervalNanos;
    private final int connections;

    /**
     * @param requestsPerSecond the total rate over all connections, above zero
     * @param connections       the connections sharing it, at least one
     * @param startNanos        the {@link System#nanoTime()} of the schedule's first send
     */
    RateSchedule(double requestsPerSecond, int connections, long startNanos) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("rate is " + requestsPerSecond + "; it must be above 0 requests per"
                    + " second (0 means a closed loop, which has no schedule).");
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections is " + connections + "; it must be at least 1.");
        }
        this.connections = connections;
        this.startNanos = startNanos;
        this.intervalNanos = Math.max(1, Math.round(connections * 1e9 / requestsPerSecond));
    }

    /** The time between two intended sends on one connection. */
    long intervalNanos() {
        return intervalNanos;
    }

    /** The intended time of the first send on the connection with index {@code connection}. */
    long firstSend(int connection) {
        return startNanos + Math.floorMod(connection, connections) * (intervalNanos / connections);
    }

    /** The intended time of the send that follows one intended at {@code intendedNanos} on the same connection. */
    long nextSend(long intendedNanos) {
        return intendedNanos + intervalNanos;
    }

    /**
     * How long to wait, from {@code nowNanos}, before sending the request intended at {@code intendedNanos}: zero
     * when it is due or late, because a late request is sent at once and keeps its intended time.
     */
    static long delay(long intendedNanos, long nowNanos) {
        return Math.max(0, intendedNanos - nowNanos);
    }

    /**
     * The latency to record for a response received at {@code doneNanos}: from the intended send time when there is
     * one (open loop), else from the real send time (closed loop, where the next request is never late by design).
     */
    static long latency(long intendedNanos, long sentNanos, long doneNanos) {
        return doneNanos - Math.min(intendedNanos, sentNanos);
    }
}
