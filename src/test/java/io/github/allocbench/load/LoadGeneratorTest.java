package io.github.allocbench.load;

import io.github.allocbench.result.LatencySummary;
import io.github.allocbench.result.LoadResult;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

class LoadGeneratorTest {

    private static final int CONNECTIONS = 300;

    @Test
    @Timeout(60)
    void theSettleTimeRunsTheLoadUnmeasuredBetweenTheRampAndTheWindow() throws Exception {
        AtomicLong served = new AtomicLong();
        AtomicLong servedWhenTheWindowOpened = new AtomicLong(-1);
        AtomicLong windowOpenedAfterMs = new AtomicLong();
        long start = System.nanoTime();
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 0, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                served.incrementAndGet();
                JsonServer.ok(response, callback);
                return true;
            }
        })) {
            LoadSettings settings = settings("127.0.0.1", server.port(), 5, 1).withSettle(Duration.ofMillis(1500));
            result = new LoadGenerator(settings).run(new LoadListener() {
                @Override
                public void rampFinished(int connectionsOpened, long rampMs) {
                    servedWhenTheWindowOpened.set(served.get());
                    windowOpenedAfterMs.set((System.nanoTime() - start) / 1_000_000);
                }

                @Override
                public void second(int second, long responses, int openConnections) {
                }
            });
        }

        // The window opens after the ramp and then the whole settle time, however long the ramp took here.
        assertThat(windowOpenedAfterMs.get()).isGreaterThanOrEqualTo(result.rampMs() + 1500);
        // Requests flowed during the settle time, and the window counted only its own second.
        assertThat(servedWhenTheWindowOpened.get()).isPositive();
        assertThat(result.requests()).isPositive().isLessThanOrEqualTo(served.get() - servedWhenTheWindowOpened.get());
        assertThat(result.perSecond()).hasSize(1);
    }

    @Test
    void rejectsAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> new LoadGenerator(settings("192.0.2.1", 8080, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> new LoadGenerator(settings("", 8080, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsLoopbackNames() {
        for (String host : List.of("localhost", "127.0.0.2", "::1")) {
            assertThatCode(() -> new LoadGenerator(settings(host, 8080, 1, 1))).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    @Timeout(60)
    void holdsEveryConnectionBusyForTheWholeWindow() throws Exception {
        RecordingListener listener = new RecordingListener();
        AtomicLong served = new AtomicLong();
        LoadGenerator generator;
        LoadResult result;
        try (JsonServer server = JsonServer.start(16, 0, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                served.incrementAndGet();
                JsonServer.ok(response, callback);
                return true;
            }
        })) {
            generator = new LoadGenerator(settings("127.0.0.1", server.port(), CONNECTIONS, 3));
            result = generator.run(listener);
        }

        assertThat(result.connectionsOpened()).isEqualTo(CONNECTIONS);
        assertThat(listener.rampOpened.get()).isEqualTo(CONNECTIONS);
        assertThat(result.errors()).isZero();
        assertThat(result.errorsByCause()).isEmpty();
        assertThat(result.requests()).isPositive();
        assertThat(result.perSecond()).hasSize(3);
        // The window's count is what the server answered in it: never more than it served, and the server's own
        // tally over the run includes the ramp's and the drain's responses too.
        assertThat(result.requests()).isLessThanOrEqualTo(served.get());
        // Over the window as it really lasted, which a busy machine stretches beyond the nominal 3 s.
        assertThat(result.elapsedWindowMs()).isGreaterThanOrEqualTo(3000);
        double overElapsedWindow = result.responses() * 1000.0 / result.elapsedWindowMs();
        assertThat(result.requestsPerSecond()).isCloseTo(overElapsedWindow, within(overElapsedWindow / 100));
        assertThat(result.responses()).isEqualTo(result.requests()).isEqualTo(result.successes());
        assertThat(result.errorRatePercent()).isZero();
        assertThat(result.latencyMs().p50()).isPositive();
        assertThat(result.latencyMs().max()).isGreaterThanOrEqualTo(result.latencyMs().p99());
        assertThat(listener.seconds).containsExactlyElementsOf(result.perSecond());
        assertThat(listener.openAtSecond).containsOnly(CONNECTIONS);

        // The stall regression: a pooled closed loop went quiet after a few rounds. Every second must see
        // responses, and every connection must have kept completing requests to the end of the window, not just a
        // lucky few: each one must have had responses in the last second.
        assertThat(result.perSecond()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(generator.windowResponsesPerConnection()).hasSize(CONNECTIONS);
        long[] lastSecond = generator.lastTickResponsesPerConnection();
        assertThat(lastSecond).hasSize(CONNECTIONS);
        assertThat(Arrays.stream(lastSecond).filter(count -> count == 0).count())
                .as("connections without a response in the last second").isZero();
    }

    @Test
    @Timeout(60)
    void countsNon2xxResponsesAsErrorsByStatus() throws Exception {
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 503, 0)) {
            result = new LoadGenerator(settings("127.0.0.1", server.port(), 20, 1)).run(new RecordingListener());
        }

        assertThat(result.connectionsOpened()).isEqualTo(20);
        assertThat(result.requests()).isPositive();
        assertThat(result.errorsByCause()).containsOnlyKeys("status 503");
        assertThat(result.errors()).isEqualTo(result.requests()).isEqualTo(result.responses());
        assertThat(result.successes()).isZero();
        assertThat(result.errorRatePercent()).isEqualTo(100.0);
    }

    @Test
    @Timeout(60)
    void requestsInFlightWhenTheServerStopsAnsweringAreCountedAsUnanswered() throws Exception {
        AtomicBoolean answering = new AtomicBoolean(true);
        Handler stopping = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (answering.get()) {
                    JsonServer.ok(response, callback);
                }
                // Once stopped, it takes the request and never completes it.
                return true;
            }
        };
        int connections = 20;
        LoadResult result;
        try (JsonServer server = JsonServer.start(8, 0, stopping)) {
            result = new LoadGenerator(settings("127.0.0.1", server.port(), connections, 2)).run(new LoadListener() {
                @Override
                public void rampFinished(int connectionsOpened, long rampMs) {
                }

                @Override
                public void second(int second, long responses, int openConnections) {
                    answering.set(false);
                }
            });
        }

        assertThat(result.connectionsOpened()).isEqualTo(connections);
        assertThat(result.perSecond().get(0)).isPositive();
        // A closed loop keeps one request in flight on each connection it holds: all of them went unanswered. The
        // request timeout is capped at the 2 s window, and none of them waited that long inside it.
        assertThat(result.errorsByCause()).containsOnly(entry(ErrorCause.UNANSWERED, (long) connections));
        assertThat(result.errors()).isEqualTo(connections);
        assertThat(result.errorRatePercent())
                .isEqualTo(100.0 * connections / (result.successes() + connections));
    }

    @Test
    @Timeout(60)
    void reportsRefusedConnectsWithoutPretendingTheyOpened() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        RecordingListener listener = new RecordingListener();

        LoadResult result = new LoadGenerator(settings("127.0.0.1", closedPort, 10, 1)).run(listener);

        assertThat(result.connectionsOpened()).isZero();
        assertThat(listener.rampOpened.get()).isZero();
        assertThat(result.requests()).isZero();
        assertThat(result.errorsByCause()).containsOnlyKeys("connection refused");
        assertThat(result.errors()).isGreaterThanOrEqualTo(10);
        assertThat(result.latencyMs()).isEqualTo(LatencySummary.NONE);
    }

    @Test
    void failsFastWithTheFixWhenTheOpenFileLimitIsTooLow() {
        // One connection more than this machine's hard limit: whatever that limit is, no process here can hold them.
        long hard = SystemLimits.current().hardMaxFiles();
        assumeThat(hard).as("a known hard open-file limit below 2^31 - 1,000")
                .isNotNegative().isLessThan(Integer.MAX_VALUE - 1_000L);
        LoadGenerator generator = new LoadGenerator(settings("127.0.0.1", 8080, (int) hard + 1, 1));

        assertThatThrownBy(() -> generator.run(new RecordingListener()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("open-file limit")
                .hasMessageContaining("ulimit -n");
    }

    @Test
    @Timeout(60)
    void leavesNoThreadsBehind() throws Exception {
        try (JsonServer server = JsonServer.start(8, 200, 0)) {
            new LoadGenerator(settings("127.0.0.1", server.port(), 10, 1)).run(new RecordingListener());
        }
        // A stopped pool's threads end a moment after run() returns: wait for each, then none may be left.
        for (Thread thread : loadThreads()) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(loadThreads()).isEmpty();
    }

    private static List<Thread> loadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("allocbench-load") && t.isAlive()).toList();
    }

    private static LoadSettings settings(String host, int port, int connections, int seconds) {
        return new LoadSettings(host, port, connections, Duration.ofSeconds(seconds), "/");
    }

    private static final class RecordingListener implements LoadListener {
        final AtomicInteger rampOpened = new AtomicInteger(-1);
        final AtomicLong rampMs = new AtomicLong(-1);
        final List<Long> seconds = new CopyOnWriteArrayList<>();
        final List<Integer> openAtSecond = new CopyOnWriteArrayList<>();

        @Override
        public void rampFinished(int connectionsOpened, long rampMs) {
            this.rampOpened.set(connectionsOpened);
            this.rampMs.set(rampMs);
        }

        @Override
        public void second(int second, long responses, int openConnections) {
            assertThat(second).isEqualTo(seconds.size() + 1);
            seconds.add(responses);
            openAtSecond.add(openConnections);
        }
    }
}
