package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bench's SIGINT handler is in place only while the bench runs; the one before comes back after it. */
class InterruptSignalTest {

    private static final Signal INT = new Signal("INT");

    /** The handler now in place, read by swapping one in and putting it straight back. */
    private static SignalHandler current() {
        SignalHandler now = Signal.handle(INT, SignalHandler.SIG_DFL);
        Signal.handle(INT, now);
        return now;
    }

    @Test
    void replacesTheHandlerWhileOpenAndPutsThePreviousOneBack() {
        // A JVM started in the background by a non-interactive shell ignores SIGINT from its start and cannot
        // handle it; the bench then has nothing to replace.
        assumeTrue(current() != SignalHandler.SIG_IGN, "SIGINT is ignored since this JVM started (a background job)");
        // sun.misc.Signal hands out a new wrapper of the same handler on every call; its text names the handler.
        String before = current().toString();
        try (InterruptSignal signal = InterruptSignal.shutDownOnInterrupt()) {
            assertThat(current().toString()).isNotEqualTo(before).contains(InterruptSignal.class.getSimpleName());
        }
        assertThat(current()).hasToString(before);
    }
}
