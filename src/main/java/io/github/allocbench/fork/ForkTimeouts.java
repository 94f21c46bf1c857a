package io.github.allocbench.fork;

import java.time.Duration;

/**
 * How long the host waits for the forked server: to become ready, to exit after {@code STOP}, and to exit after
 * SIGTERM before it is killed with SIGKILL (a JVM in OutOfMemoryError can ignore SIGTERM).
 *
 * @param startup   from starting the process to {@code READY}
 * @param stopGrace from {@code STOP} to the process's exit
 * @param termGrace from SIGTERM to the process's exit, before SIGKILL
 */
public record ForkTimeouts(Duration startup, Duration stopGrace, Duration termGrace) {

    /** 60 s to start, 10 s to stop, 3 s after SIGTERM. */
    public static final ForkTimeouts DEFAULT =
            new ForkTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(3));

    public ForkTimeouts {
        for (Duration d : new Duration[]{startup, stopGrace, termGrace}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Fork timeouts must be positive, got " + d.toMillis() + "ms.");
            }
        }
    }
}
