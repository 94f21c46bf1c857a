package io.github.allocbench.load;

/**
 * The load generator's JVM could not be started, failed, or did not report in time. The message says what happened
 * and ends with the last lines of its log; the run it belonged to is failed, and the bench goes on with the next.
 */
public final class LoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
