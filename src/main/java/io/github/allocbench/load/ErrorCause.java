package io.github.allocbench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Names the cause of a failed connect or request with a short, stable label, so that errors can be counted by cause
 * and compared between runs: {@code connect timeout}, {@code connection refused}, {@code connection closed},
 * {@code timeout}, {@code unanswered}, {@code too many open files}, {@code no free local port},
 * {@code status 503}. A failure that fits none of them is named by its exception class, so that nothing is hidden
 * in an "other" bucket.
 */
public final class ErrorCause {

    /** A connect that did not complete within the connect timeout. */
    public static final String CONNECT_TIMEOUT = "connect timeout";
    /** Nothing listened on the port, or the accept queue was full and the kernel refused. */
    public static final String CONNECTION_REFUSED = "connection refused";
    /** The peer reset or closed the connection before the response was complete. */
    public static final String CONNECTION_CLOSED = "connection closed";
    /** A request got no response within the request timeout, inside the measured window. */
    public static final String REQUEST_TIMEOUT = "timeout";
    /** A request still unanswered when the window and the drain after it were over, younger than the timeout. */
    public static final String UNANSWERED = "unanswered";
    /** The process ran out of file descriptors: raise the open-file limit ({@code ulimit -n}). */
    public static final String TOO_MANY_OPEN_FILES = "too many open files";
    /** The ephemeral port range of the source address is exhausted: fewer connections or more source addresses. */
    public static final String NO_FREE_LOCAL_PORT = "no free local port";

    /** A connection the ramp never got to start before its timeout ran out. */
    public static final String RAMP_TIMEOUT = "ramp timeout";

    private ErrorCause() {
    }

    /** The label for a response whose status is not 2xx. */
    public static String ofStatus(int status) {
        return "status " + status;
    }

    /**
     * The label for a failed connect or request. The cause chain is searched from the outside in, because Jetty
     * wraps the socket error in its own exceptions and the inner one says more.
     */
    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String label = label(t);
            if (label != null) {
                return label;
            }
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }

    private static String label(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("too many open files")) {
            return TOO_MANY_OPEN_FILES;
        }
        if (message.contains("cannot assign requested address")) {
            return NO_FREE_LOCAL_PORT;
        }
        if (t instanceof SocketTimeoutException || message.contains("connect timeout")
                || (t instanceof ConnectException && message.contains("timed out"))) {
            return CONNECT_TIMEOUT;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || message.contains("connection refused")) {
            return CONNECTION_REFUSED;
        }
        if (t instanceof TimeoutException) {
            return REQUEST_TIMEOUT;
        }
        if (t instanceof ClosedChannelException || t instanceof EOFException
                || t.getClass().getSimpleName().equals("EofException")
                || message.contains("connection reset") || message.contains("broken pipe")
                || (t instanceof IOException && message.contains("closed"))) {
            return CONNECTION_CLOSED;
        }
        return null;
    }
}
