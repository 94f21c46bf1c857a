package io.github.allocbench.load;

import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.RequestShape;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against real servers: open-loop rate, request shapes, timeouts and source addresses. */
class LoadShapesTest {

    @Test
    @Timeout(60)
    void anOpenLoopNeverSendsAheadOfItsSchedule() throws Exception {
        double rate = 200;
        int seconds = 2;
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 200, 0)) {
            result = new LoadGenerator(settings(server.port(), 20, seconds).withRate(rate)).run(new Quiet());
        }

        assertThat(result.connectionsOpened()).isEqualTo(20);
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isPositive();
        // Requests are sent at their intended time or later, never earlier: the window cannot hold more than the
        // schedule allows (plus one in flight per connection from before the window).
        assertThat(result.requests()).isLessThanOrEqualTo((long) (rate * seconds) + 20);
        assertThat(result.targetRate()).isEqualTo(rate);
    }

    @Test
    @Timeout(60)
    void openLoopLatencyIncludesTheWaitForABusyConnection() throws Exception {
        // One connection, a request due every 20 ms, a server that takes at least 100 ms: every request waits longer
        // than the one before. Measured from the send, each would show about 100 ms; measured from its intended
        // time, the waits pile up.
        Handler slow = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Thread.sleep(100);
                JsonServer.ok(response, callback);
                return true;
            }
        };
        LoadResult openLoop;
        try (JsonServer server = JsonServer.start(8, 0, slow)) {
            openLoop = new LoadGenerator(settings(server.port(), 1, 2).withRate(50)).run(new Quiet());
        }

        assertThat(openLoop.requests()).isPositive();
        assertThat(openLoop.latencyMs().max()).isGreaterThan(300);
        assertThat(openLoop.latencyMs().p50()).isGreaterThan(150);
    }

    @Test
    @Timeout(60)
    void sendsTheConfiguredMethodPathsHeadersAndBody() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Handler recording = JsonServer.recording(seen);
        RequestShape shape = new RequestShape("POST", List.of("/a", "/b?q=1"), Map.of("X-Bench", "yes",
                "Content-Type", "application/json"), "{\"k\":1}");
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 0, recording)) {
            result = new LoadGenerator(settings(server.port(), 4, 1).withRequest(shape)).run(new Quiet());
        }

        assertThat(result.errors()).isZero();
        assertThat(seen).containsExactlyInAnyOrder("POST /a yes {\"k\":1}", "POST /b?q=1 yes {\"k\":1}");
    }

    @Test
    void theRequestTimeoutNeverOutlastsTheWindow() {
        assertThat(settings(8080, 1, 3).effectiveRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings(8080, 1, 30).effectiveRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings(8080, 1, 30).withRequestTimeout(Duration.ofSeconds(2)).effectiveRequestTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @Timeout(60)
    void requestsUnansweredForTheRequestTimeoutInsideTheWindowCountAsTimeouts() throws Exception {
        Handler silent = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                // Takes the request and never completes it.
                return true;
            }
        };
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 0, silent)) {
            result = new LoadGenerator(settings(server.port(), 5, 1).withRequestTimeout(Duration.ofMillis(500)))
                    .run(new Quiet());
        }

        assertThat(result.connectionsOpened()).isEqualTo(5);
        assertThat(result.requests()).isZero();
        assertThat(result.errorsByCause()).containsEntry(ErrorCause.REQUEST_TIMEOUT, 5L);
        assertThat(result.errors()).isEqualTo(5);
    }

    @Test
    @Timeout(60)
    void spreadsConnectionsOverTheSourceAddressesAskedFor() throws Exception {
        Map<String, Integer> remotes = new ConcurrentHashMap<>();
        Handler recording = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String address = Request.getRemoteAddr(request);
                remotes.merge(address, 1, Integer::sum);
                JsonServer.ok(response, callback);
                return true;
            }
        };
        LoadResult result;
        try (JsonServer server = JsonServer.start(16, 0, recording)) {
            result = new LoadGenerator(settings(server.port(), 200, 1).withSourceAddresses(2)).run(new Quiet());
        }

        assertThat(result.connectionsOpened()).isEqualTo(200);
        assertThat(result.successes()).isPositive();
        // No connection from either source failed; a request still in flight after the drain, or one that waited
        // longer than the 1 s window allows, only says that the machine was busy (a neighbour's build), not that a
        // source address did not work.
        assertThat(result.errorsByCause().keySet()).isSubsetOf(ErrorCause.UNANSWERED, ErrorCause.REQUEST_TIMEOUT);
        assertThat(result.sourceAddresses()).isEqualTo(2);
        assertThat(remotes).containsOnlyKeys("127.0.0.1", "127.0.0.2");
    }

    @Test
    @Timeout(60)
    void reportsItsOwnFootprint() throws Exception {
        LoadResult result;
        // Maven's JVM is told by its maven.home property; this test JVM plays it (the generator's own JVM, without
        // the property, is LoadForkTest's and the bench-loadgen IT's case).
        String mavenHome = System.getProperty("maven.home");
        System.setProperty("maven.home", "/opt/maven");
        try (JsonServer server = JsonServer.start(8, 200, 0)) {
            result = new LoadGenerator(settings(server.port(), 10, 1)).run(new Quiet());
        } finally {
            if (mavenHome == null) {
                System.clearProperty("maven.home");
            } else {
                System.setProperty("maven.home", mavenHome);
            }
        }

        assertThat(result.generatorCpuSeconds()).isPositive();
        assertThat(result.generatorRssKb()).isPositive();
        assertThat(result.generatorJvm()).isEqualTo("maven");
        assertThat(result.sourceAddresses()).isEqualTo(1);
        assertThat(result.targetRate()).isZero();
    }

    private static LoadSettings settings(int port, int connections, int seconds) {
        return new LoadSettings("127.0.0.1", port, connections, Duration.ofSeconds(seconds), "/");
    }

    private static final class Quiet implements LoadListener {
        @Override
        public void rampFinished(int connectionsOpened, long rampMs) {
        }

        @Override
        public void second(int second, long responses, int openConnections) {
        }
    }
}
