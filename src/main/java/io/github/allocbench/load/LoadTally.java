package io.github.allocbench.load;

import io.github.allocbench.result.LatencySummary;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every virtual user reports into while a run lasts: the stage the run is in, responses and the successes among
 * them, errors by cause, latencies, and the connections open and requests in flight. A non-2xx response is one
 * response and one error, never a success, so that a server answering 500 to everything has an error rate of 100 %.
 * The stage decides what counts, so that a response or a failure outside the measured window (the ramp's kick-off,
 * the drain at the end) never inflates the result.
 */
final class LoadTally {

    /** Where a run is; only {@link #WINDOW} counts responses, and nothing counts in {@link #DRAIN}. */
    enum Stage { RAMP, STARTING, WINDOW, DRAIN }

    private volatile Stage stage = Stage.RAMP;
    private final LongAdder responses = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    Stage stage() {
        return stage;
    }

    void stage(Stage next) {
        stage = next;
    }

    /**
     * Counts one response; returns whether it fell in the measured window. A response let in is counted whole, its
     * status error included, even when the window closes meanwhile, so that responses = successes + status errors.
     */
    boolean response(long latencyNanos, int status) {
        if (stage != Stage.WINDOW) {
            return false;
        }
        responses.increment();
        latency.record(latencyNanos);
        if (status < 200 || status > 299) {
            count(ErrorCause.ofStatus(status));
        } else {
            successes.increment();
        }
        return true;
    }

    void error(Throwable failure) {
        error(ErrorCause.of(failure));
    }

    void error(String cause) {
        if (stage != Stage.DRAIN) {
            count(cause);
        }
    }

    private void count(String cause) {
        errors.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    /**
     * Counts {@code requests} that never got a response as {@link ErrorCause#UNANSWERED}, whatever the stage: it is
     * called once the drain is over, for the requests still in flight then.
     */
    void unanswered(int requests) {
        if (requests > 0) {
            errors.computeIfAbsent(ErrorCause.UNANSWERED, c -> new LongAdder()).add(requests);
        }
    }

    void connectionOpened() {
        open.incrementAndGet();
    }

    void connectionLost() {
        open.decrementAndGet();
    }

    int openConnections() {
        return open.get();
    }

    void requestSent() {
        inFlight.incrementAndGet();
    }

    void requestDone() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    long responses() {
        return responses.sum();
    }

    /** Responses in the window with a 2xx status. */
    long successes() {
        return successes.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Errors by cause, sorted by name so that reports and results files are stable. */
    Map<String, Long> errorsByCause() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((cause, count) -> copy.put(cause, count.sum()));
        return copy;
    }

    LatencySummary latency() {
        return latency.summary();
    }
}
