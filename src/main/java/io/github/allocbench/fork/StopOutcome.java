package io.github.allocbench.fork;

/** How a forked server ended when the host stopped it, from the cleanest to the most forceful. */
public enum StopOutcome {
    /** It had already exited before the host asked. */
    ALREADY_EXITED,
    /** It exited after {@code STOP} within the grace period. */
    STOPPED,
    /** It ignored {@code STOP} and exited on SIGTERM. */
    TERMINATED,
    /** It ignored SIGTERM too and was killed with SIGKILL. */
    KILLED
}
