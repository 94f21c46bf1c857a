package io.github.allocbench.load;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.sun.management.UnixOperatingSystemMXBean;

import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Puts closed-loop HTTP/1.1 load on one server on the loopback interface and measures it. It opens the requested
 * number of keep-alive connections (the ramp, paced so the server's accept queue is not overrun), then for the
 * measured window keeps exactly one request in flight on each, counting responses per second, errors by cause and
 * latency percentiles. Everything is bounded in time: the ramp gives up after a timeout and goes on with the
 * connections it has, in-flight requests get a short grace period at the end, and the Jetty {@link HttpClient} and
 * all its threads are stopped on every path.
 */
public final class LoadGenerator {

    /** Connects in flight at once; well below the 4096 accept queue the bench's server uses. */
    static final int CONNECT_PERMITS = 512;
    private static final Duration MIN_RAMP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RAMP_TIME_PER_CONNECTION = Duration.ofMillis(3);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long a connection may stay silent before it is failed as a {@code request timeout}. Jetty re-arms an idle
     * timeout on the shared scheduler whenever it changes, so one value for the whole run (not one per request) keeps
     * the scheduler out of the hot path; it outlasts the ramp so that connections waiting for the window survive.
     */
    private static final Duration IDLE_TIMEOUT_BEYOND_RAMP = Duration.ofSeconds(30);

    /** File descriptors kept free for what else the JVM opens: jars, selectors, logs. */
    private static final int FILE_DESCRIPTOR_RESERVE = 64;

    private final LoadSettings settings;
    private final URI uri;
    private volatile List<VirtualUser> lastUsers = List.of();
    private volatile long[] countsBeforeLastTick = new long[0];

    /**
     * @throws IllegalArgumentException if the host is not a loopback address, or the connections, duration or
     *                                  path make no sense
     */
    public LoadGenerator(LoadSettings settings) {
        this.settings = settings;
        requireLoopback(settings.host());
        if (settings.connections() < 1) {
            throw new IllegalArgumentException("connections is " + settings.connections() + "; it must be at least 1.");
        }
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new IllegalArgumentException("port is " + settings.port() + "; it must be 1 to 65535.");
        }
        if (settings.duration() == null || settings.duration().toMillis() < 1) {
            throw new IllegalArgumentException("duration is " + settings.duration() + "; it must be at least 1ms.");
        }
        this.uri = uri(settings);
    }

    /**
     * Ramps, measures for the configured duration, drains and returns what happened.
     *
     * @param listener told when the ramp is over and after each second of the window
     * @throws IllegalStateException if this process cannot open that many connections (open-file limit)
     * @throws InterruptedException if the calling thread is interrupted; the client is stopped before this returns
     */
    public LoadResult run(LoadListener listener) throws InterruptedException {
        requireFileDescriptors(settings.connections());
        HttpClient client = newClient();
        try {
            try {
                client.start();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the Jetty HttpClient: " + e, e);
            }
            return drive(client, listener);
        } finally {
            try {
                client.stop();
            } catch (Exception ignored) {
                // Stopping is best effort: a failure here must not hide the result or the original exception.
            }
        }
    }

    /** Responses each virtual user of the last run received in the window; for tests that catch a stall. */
    long[] windowResponsesPerConnection() {
        return lastUsers.stream().mapToLong(VirtualUser::windowResponses).toArray();
    }

    /**
     * Responses each virtual user of the last run received in the window's last tick (its last second); a
     * connection that stalled earlier shows as zero.
     */
    long[] lastTickResponsesPerConnection() {
        long[] before = countsBeforeLastTick;
        long[] after = windowResponsesPerConnection();
        long[] lastTick = new long[after.length];
        for (int i = 0; i < after.length; i++) {
            lastTick[i] = after[i] - (i < before.length ? before[i] : 0);
        }
        return lastTick;
    }

    private LoadResult drive(HttpClient client, LoadListener listener) throws InterruptedException {
        LoadTally tally = new LoadTally();
        int connections = settings.connections();
        Semaphore connectGate = new Semaphore(Math.min(CONNECT_PERMITS, connections));
        CountDownLatch rampOutcomes = new CountDownLatch(connections);
        Destination destination = client.resolveDestination(client.newRequest(uri));
        List<VirtualUser> users = new ArrayList<>(connections);
        lastUsers = users;
        try {
            long rampStart = System.nanoTime();
            long rampDeadline = rampStart + rampTimeout(connections).toNanos();
            for (int i = 0; i < connections; i++) {
                if (!connectGate.tryAcquire(rampDeadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    // The ramp ran out of time before these could even be tried.
                    for (int left = i; left < connections; left++) {
                        tally.error(ErrorCause.RAMP_TIMEOUT);
                    }
                    break;
                }
                VirtualUser user = new VirtualUser(client, destination, uri, connectGate, rampOutcomes, tally);
                users.add(user);
                user.connect();
            }
            rampOutcomes.await(rampDeadline - System.nanoTime(), TimeUnit.NANOSECONDS);

            // Connections wait idle until all are open, so that connects do not queue behind a server already busy
            // with requests (starting each loop as it connected stretched a 2 s ramp to 25 s). Starting 10,000
            // loops takes this thread a few seconds on a loaded 2-core machine, under growing load: it belongs to the
            // ramp, not the window, so the ramp's time includes it.
            tally.stage(LoadTally.Stage.STARTING);
            startAll(users, client, START_TIMEOUT);
            long rampMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rampStart);
            int opened = tally.openConnections();
            listener.rampFinished(opened, rampMs);

            List<Long> perSecond = measure(tally, listener);
            long requests = perSecond.stream().mapToLong(Long::longValue).sum();

            long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (tally.inFlight() > 0 && System.nanoTime() < drainDeadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            double windowSeconds = settings.duration().toNanos() / 1e9;
            return new LoadResult(opened, requests, errorCount(tally), tally.errorsByCause(),
                    requests / windowSeconds, tally.latency(), rampMs, List.copyOf(perSecond));
        } finally {
            tally.stage(LoadTally.Stage.DRAIN);
            users.forEach(VirtualUser::close);
        }
    }

    /**
     * Starts every user's request loop from a few pool threads at once: the kernel shares the CPU per thread, so a
     * single starting thread got little of it next to a server with dozens of busy threads (4 s instead of 3 s for
     * 10,000 users on a loaded 2-core machine). A start still running at the timeout simply finishes late.
     */
    private static void startAll(List<VirtualUser> users, HttpClient client, Duration timeout)
            throws InterruptedException {
        int slices = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        CountDownLatch started = new CountDownLatch(slices);
        for (int slice = 0; slice < slices; slice++) {
            int first = slice;
            client.getExecutor().execute(() -> {
                try {
                    for (int i = first; i < users.size(); i += slices) {
                        users.get(i).start();
                    }
                } finally {
                    started.countDown();
                }
            });
        }
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the measured window, one tick per second plus one for a trailing partial second, and leaves the tally
     * in {@link LoadTally.Stage#DRAIN} so that nothing completing afterwards is counted.
     */
    private List<Long> measure(LoadTally tally, LoadListener listener) throws InterruptedException {
        long windowNanos = settings.duration().toNanos();
        long second = TimeUnit.SECONDS.toNanos(1);
        int ticks = (int) ((windowNanos + second - 1) / second);
        List<Long> perSecond = new ArrayList<>(ticks);
        long windowStart = System.nanoTime();
        tally.stage(LoadTally.Stage.WINDOW);
        long counted = 0;
        countsBeforeLastTick = new long[0];
        for (int tick = 1; tick <= ticks; tick++) {
            if (tick == ticks) {
                // A few thousand volatile reads once per run, so tests can tell a stalled connection from a busy one.
                countsBeforeLastTick = windowResponsesPerConnection();
            }
            long tickAt = windowStart + Math.min(tick * second, windowNanos);
            long wait = tickAt - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (tick == ticks) {
                tally.stage(LoadTally.Stage.DRAIN);
            }
            long total = tally.responses();
            perSecond.add(total - counted);
            counted = total;
            listener.second(tick, perSecond.get(tick - 1), tally.openConnections());
        }
        return perSecond;
    }

    private static long errorCount(LoadTally tally) {
        return tally.errorsByCause().values().stream().mapToLong(Long::longValue).sum();
    }

    private HttpClient newClient() {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Math.max(8, 4 * cores);
        QueuedThreadPool executor = new QueuedThreadPool(threads, threads);
        executor.setName("allocbench-load");
        executor.setDaemon(true);
        // Half the cores for selectors, as Jetty's server does: on the bench's 2-core machine the server shares the
        // CPU, and one selector thread doing all client work measured as fast as two while leaving the server a core.
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(Math.max(1, cores / 2));
        // The completion callback only records and writes the next request without blocking, so the selector may
        // run it itself: handing each response to a pool thread costs a selector wake-up per request, which at
        // 10,000 connections was where most of the time went.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(executor);
        client.setScheduler(new ScheduledExecutorScheduler("allocbench-load-scheduler", true));
        client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        client.setIdleTimeout(rampTimeout(settings.connections()).plus(IDLE_TIMEOUT_BEYOND_RAMP).toMillis());
        client.setMaxConnectionsPerDestination(settings.connections());
        client.setFollowRedirects(false);
        // Extra request headers cost bytes on every request and change nothing the bench measures.
        client.setUserAgentField(null);
        client.getContentDecoderFactories().clear();
        // Without cookies, and with the Host header set by the virtual user, Jetty never rebuilds and re-parses the
        // request URI, which was a visible share of the client's CPU per request.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        // Redirect, authentication and 100-continue handling would inspect every response; the bench needs none.
        client.getProtocolHandlers().clear();
        return client;
    }

    /**
     * Fails fast, with the fix, when the open-file limit cannot hold the connections: otherwise the ramp would end
     * in thousands of "too many open files" errors and a result that looks like a server problem.
     */
    private static void requireFileDescriptors(int connections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
            if (free < connections + FILE_DESCRIPTOR_RESERVE) {
                throw new IllegalStateException(connections + " connections need about "
                        + (connections + FILE_DESCRIPTOR_RESERVE) + " file descriptors, but this JVM has " + free
                        + " left of its open-file limit of " + os.getMaxFileDescriptorCount()
                        + ". Raise the limit (ulimit -n, or LimitNOFILE for a service) or use fewer connections.");
            }
        }
    }

    private static Duration rampTimeout(int connections) {
        Duration scaled = RAMP_TIME_PER_CONNECTION.multipliedBy(connections);
        return scaled.compareTo(MIN_RAMP_TIMEOUT) > 0 ? scaled : MIN_RAMP_TIMEOUT;
    }

    private static void requireLoopback(String host) {
        // getByName(null) and getByName("") answer the loopback address, which would hide a missing setting.
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty; the load generator targets a loopback address "
                    + "such as 127.0.0.1.");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("host '" + host + "' does not resolve; the load generator only "
                    + "targets a loopback address such as 127.0.0.1.", e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("host '" + host + "' is not a loopback address; the load generator "
                    + "only targets a server on this machine, e.g. 127.0.0.1.");
        }
    }

    private static URI uri(LoadSettings settings) {
        String path = settings.path() == null || settings.path().isEmpty() ? "/" : settings.path();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with '/'.");
        }
        try {
            URI base = new URI("http", null, settings.host(), settings.port(), null, null, null);
            return base.resolve(path);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("host '" + settings.host() + "', port " + settings.port()
                    + " and path '" + path + "' do not form a valid URL.", e);
        }
    }
}
