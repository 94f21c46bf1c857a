package io.github.allocbench.load;

import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCauseTest {

    @Test
    void namesConnectFailures() {
        assertThat(ErrorCause.of(new ConnectException("Connection refused"))).isEqualTo("connection refused");
        // Jetty's ManagedSelector reports its own connect timeout this way.
        assertThat(ErrorCause.of(new SocketTimeoutException("Connect Timeout"))).isEqualTo("connect timeout");
        assertThat(ErrorCause.of(new ConnectException("Connection timed out"))).isEqualTo("connect timeout");
    }

    @Test
    void namesResourceExhaustionWithTheLimitToRaise() {
        assertThat(ErrorCause.of(new IOException("Too many open files"))).isEqualTo("too many open files");
        assertThat(ErrorCause.of(new java.net.BindException("Cannot assign requested address")))
                .isEqualTo("no free local port");
    }

    @Test
    void namesClosedConnections() {
        assertThat(ErrorCause.of(new EofException())).isEqualTo("connection closed");
        assertThat(ErrorCause.of(new IOException("Connection reset by peer"))).isEqualTo("connection closed");
        assertThat(ErrorCause.of(new IOException("Broken pipe"))).isEqualTo("connection closed");
        assertThat(ErrorCause.of(new AsynchronousCloseException())).isEqualTo("connection closed");
    }

    @Test
    void namesRequestTimeouts() {
        assertThat(ErrorCause.of(new TimeoutException("Idle timeout 10000 ms"))).isEqualTo("timeout");
        assertThat(ErrorCause.of(new TimeoutException("Total timeout 5000 ms elapsed"))).isEqualTo("timeout");
    }

    @Test
    void looksThroughWrappersForTheSocketError() {
        Throwable wrapped = new ExecutionException(new RuntimeException("send failed",
                new ConnectException("Connection refused")));
        assertThat(ErrorCause.of(wrapped)).isEqualTo("connection refused");
    }

    @Test
    void namesAnUnknownFailureByItsOutermostClass() {
        assertThat(ErrorCause.of(new IllegalStateException("boom", new ArithmeticException())))
                .isEqualTo("IllegalStateException");
    }

    @Test
    void namesStatusCodes() {
        assertThat(ErrorCause.ofStatus(503)).isEqualTo("status 503");
    }
}
