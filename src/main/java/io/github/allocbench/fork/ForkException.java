package io.github.allocbench.fork;

import java.util.OptionalInt;

/**
 * The forked server could not be started, did not become ready, or failed: the bench itself broke, as opposed to a
 * result the user must act on. The message says what happened, the fix where there is one, and ends with the last
 * lines of the server's log.
 */
public final class ForkException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Integer exitCode;

    /** A failure of a server that is not known to have exited on its own. */
    public ForkException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * A failure, with the server's exit code when it exited on its own.
     *
     * @param exitCode the exit code, or {@code null}
     */
    public ForkException(String message, Integer exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The server's exit code when it exited on its own. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
}
