package io.github.allocbench.bench;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a bench runs, SIGINT ends the JVM as the JVM's own handler does (exit status 130, shutdown hooks run), so that
 * a Ctrl-C or a CI's cancel records the interruption on every Maven. Maven 4's terminal library replaces the JVM's
 * handler and, without a terminal, ignores the signal: the bench would run on to its end. The previous handler is put
 * back when the bench ends. A JVM started with SIGINT ignored keeps ignoring it.
 */
final class InterruptSignal implements AutoCloseable {

    /** The exit status of a process ended by SIGINT: 128 + 2, what the JVM's own handler exits with. */
    static final int EXIT_STATUS = 130;

    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private InterruptSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /** Makes SIGINT shut the JVM down until {@link #close()}. */
    static InterruptSignal shutDownOnInterrupt() {
        try {
            return new InterruptSignal(Signal.handle(INT, signal -> System.exit(EXIT_STATUS)));
        } catch (IllegalArgumentException ignoredSinceStart) {
            // The JVM refuses a handler for a signal the process ignores since it started (nohup, a background job).
            return new InterruptSignal(null);
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
