package io.github.allocbench.load;

import io.github.allocbench.result.LoadResult;

import com.sun.management.UnixOperatingSystemMXBean;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Puts HTTP/1.1 load on one server on the loopback interface and measures it. It opens the requested number of
 * keep-alive connections (the ramp, paced so the server's accept queue is not overrun), spread over several loopback
 * source addresses when one address's port range cannot hold them, then for the measured window keeps at most one
 * request in flight on each: at once after the previous response (closed loop, the default) or at a fixed total
 * rate (open loop, latencies corrected for coordinated omission). It counts responses per second, errors by cause
 * and latency percentiles, and what the generator itself cost in CPU and memory. Everything is bounded in time: the
 * ramp gives up after a timeout and goes on with the connections it has, in-flight requests get a short grace period
 * at the end and are then counted as unanswered, and the Jetty {@link HttpClient}s and all their threads are stopped
 * on every path.
 *
 * <p>It is long because the run's stages (ramp, settle, window, drain) share the clients, the tally and the timeout
 * scan, and splitting them would pass all of that between classes.
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
    /** Started by {@link #open()} and taken by the run. */
    private Clients opened;

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
        return run(listener, true);
    }

    /**
     * Like {@link #run(LoadListener)}, but when the run ends normally the connections stay open and the client runs
     * on, for a JVM that exits as soon as it has passed the result on: the kernel closes the sockets at the process's
     * exit in a fraction of the time that closing them one by one through Jetty takes (1.5 s at 10,000 connections),
     * which the bench would otherwise wait for before every cooldown. Nothing is sent or counted after the drain.
     */
    public LoadResult runUntilExit(LoadListener listener) throws InterruptedException {
        return run(listener, false);
    }

    /**
     * Loads and initialises what a run needs before its server is known, so that a generator started beside its
     * server's start spends that time then rather than at the start of its warm-up: a client started and stopped
     * without a connection (0.8 s of class loading in a fresh JVM here) and the result's JSON writer.
     */
    public static void preload() {
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(1));
        try {
            client.start();
            client.newRequest(URI.create("http://127.0.0.1:1/")).method("GET");
        } catch (Exception e) {
            // Only classes were to be loaded; the run reports a client that cannot start.
        } finally {
            stopQuietly(client);
        }
        LoadWire.JSON.writerFor(LoadResult.class);
    }

    /**
     * Starts the client's threads and selectors ahead of the run, e.g. while the generator waits for the word to
     * start, so that the ramp begins as soon as it is given; the run starts them itself otherwise.
     *
     * @throws IllegalStateException if this process cannot open that many connections (open-file limit) or the
     *                               client does not start
     */
    public void open() {
        if (opened == null) {
            opened = Clients.start(this);
        }
    }

    private LoadResult run(LoadListener listener, boolean closeAtEnd) throws InterruptedException {
        open();
        Clients clients = opened;
        opened = null;
        boolean leftRunning = false;
        try {
            LoadResult result = drive(clients.clients(), clients.sources(), listener, closeAtEnd);
            leftRunning = !closeAtEnd;
            return result;
        } finally {
            if (!leftRunning) {
                clients.stop();
            }
        }
    }

    /** The started executor, scheduler and clients of a run, one client per source address. */
    private record Clients(QueuedThreadPool executor, ScheduledExecutorScheduler scheduler, List<HttpClient> clients,
                           SourceAddresses sources) {

        static Clients start(LoadGenerator generator) {
            requireFileDescriptors(generator.settings.connections());
            SourceAddresses sources = generator.sourceAddresses();
            Clients started = new Clients(newExecutor(),
                    new ScheduledExecutorScheduler("allocbench-load-scheduler", true), new ArrayList<>(), sources);
            try {
                started.executor.start();
                started.scheduler.start();
                for (String source : sources.addresses()) {
                    HttpClient client = generator.newClient(started.executor, started.scheduler,
                            sources.count() > 1 ? source : null);
                    started.clients.add(client);
                    client.start();
                }
                return started;
            } catch (Exception e) {
                started.stop();
                throw new IllegalStateException("Could not start the Jetty HttpClient: " + e, e);
            }
        }

        void stop() {
            for (HttpClient client : clients) {
                stopQuietly(client);
            }
            stopQuietly(scheduler);
            stopQuietly(executor);
        }
    }

    private static void stopQuietly(LifeCycle component) {
        try {
            component.stop();
        } catch (Exception ignored) {
            // Stopping is best effort: a failure here must not hide the result or the original exception.
        }
    }

    /** The source addresses of this run: as asked, or as few as this machine's port range allows. */
    private SourceAddresses sourceAddresses() {
        if (settings.sourceAddresses() > 0) {
            requireIpv4Loopback(settings.sourceAddresses());
            return SourceAddresses.plan(settings.connections(), Integer.MAX_VALUE, settings.sourceAddresses());
        }
        int ports = SystemLimits.current().ports();
        SourceAddresses plan = SourceAddresses.plan(settings.connections(), ports < 0 ? Integer.MAX_VALUE : ports, 0);
        if (plan.count() > 1) {
            requireIpv4Loopback(plan.count());
        }
        return plan;
    }

    private void requireIpv4Loopback(int sources) {
        if (sources > 1 && !targetAddress().getHostAddress().startsWith("127.")) {
            throw new IllegalArgumentException(settings.connections() + " connections need " + sources
                    + " source addresses, which the load generator takes from 127.0.0.0/8; target the server at "
                    + "127.0.0.1 rather than " + settings.host() + ".");
        }
    }

    private InetAddress targetAddress() {
        try {
            return InetAddress.getByName(settings.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + settings.host() + "' does not resolve.", e);
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

    private LoadResult drive(List<HttpClient> clients, SourceAddresses sources, LoadListener listener,
                             boolean closeAtEnd) throws InterruptedException {
        LoadTally tally = new LoadTally();
        int connections = settings.connections();
        Semaphore connectGate = new Semaphore(Math.min(CONNECT_PERMITS, connections));
        CountDownLatch rampOutcomes = new CountDownLatch(connections);
        RequestTemplate template = new RequestTemplate(uri, settings.request());
        List<Destination> destinations = new ArrayList<>();
        for (HttpClient client : clients) {
            destinations.add(client.resolveDestination(client.newRequest(template.firstUri())));
        }
        List<VirtualUser> users = new ArrayList<>(connections);
        lastUsers = users;
        Footprint footprint = new Footprint();
        boolean ended = false;
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
                int source = sources.addressOf(i);
                VirtualUser user = new VirtualUser(clients.get(source), destinations.get(source), template, i,
                        settings.openLoop(), connectGate, rampOutcomes, tally);
                users.add(user);
                user.connect();
            }
            rampOutcomes.await(rampDeadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            footprint.sampleRss();

            // Connections wait idle until all are open, so that connects do not queue behind a server already busy
            // with requests (starting each loop as it connected stretched a 2 s ramp to 25 s). Starting 10,000
            // loops takes this thread a few seconds on a loaded 2-core machine, under growing load: it belongs to the
            // ramp, not the window, so the ramp's time includes it.
            tally.stage(LoadTally.Stage.STARTING);
            RateSchedule schedule = settings.openLoop()
                    ? new RateSchedule(settings.rate(), users.size() == 0 ? 1 : users.size(), System.nanoTime())
                    : null;
            startAll(users, clients.get(0), schedule, START_TIMEOUT);
            long rampMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rampStart);
            // The load runs at full size, unmeasured, until generator and server have settled: their JIT compilers
            // were still at work in the window's first seconds at 10,000 connections.
            TimeUnit.NANOSECONDS.sleep(settings.settle().toNanos());
            int opened = tally.openConnections();
            listener.rampFinished(opened, rampMs);

            Window window = measure(tally, listener, footprint, users);

            long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (tally.inFlight() > 0 && System.nanoTime() < drainDeadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            // A request still unanswered after the drain is an error even though the window ended first: leaving it
            // out would let a server that stops answering look error-free.
            long now = System.nanoTime();
            tally.unanswered((int) users.stream().filter(user -> user.claimIfWaitingLongerThan(0, now)).count());
            // Read after the drain: a response let into the window just before it closed is counted in full.
            long responses = tally.responses();
            long errors = tally.errorCount();
            long successes = tally.successes();
            double errorRate = successes + errors == 0 ? 0.0 : 100.0 * errors / (successes + errors);
            long elapsedNanos = window.elapsedNanos();
            LoadResult result = new LoadResult(opened, responses, errors, tally.errorsByCause(),
                    responses / (elapsedNanos / 1e9), tally.latency(), rampMs, List.copyOf(window.perSecond()),
                    settings.rate(), sources.count(), footprint.cpuSeconds(), footprint.maxRssKb(), Footprint.jvm(),
                    responses, successes, errorRate, TimeUnit.NANOSECONDS.toMillis(elapsedNanos), null);
            ended = true;
            return result;
        } finally {
            tally.stage(LoadTally.Stage.DRAIN);
            if (closeAtEnd || !ended) {
                users.forEach(VirtualUser::close);
            }
        }
    }

    /**
     * Starts every user's request loop from a few pool threads at once: the kernel shares the CPU per thread, so a
     * single starting thread got little of it next to a server with dozens of busy threads (4 s instead of 3 s for
     * 10,000 users on a loaded 2-core machine). A start still running at the timeout simply finishes late.
     */
    private static void startAll(List<VirtualUser> users, HttpClient client, RateSchedule schedule,
                                 Duration timeout) throws InterruptedException {
        int slices = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        CountDownLatch started = new CountDownLatch(slices);
        for (int slice = 0; slice < slices; slice++) {
            int first = slice;
            client.getExecutor().execute(() -> {
                try {
                    for (int i = first; i < users.size(); i += slices) {
                        users.get(i).start(schedule);
                    }
                } finally {
                    started.countDown();
                }
            });
        }
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The responses of each second of the window, and how long the window really lasted. */
    private record Window(List<Long> perSecond, long elapsedNanos) {
    }

    /**
     * Runs the measured window, one tick per second plus one for a trailing partial second, and leaves the tally
     * in {@link LoadTally.Stage#DRAIN} so that nothing completing afterwards is counted. Each tick counts the
     * requests that have waited longer than the request timeout as {@code timeout} errors.
     */
    private Window measure(LoadTally tally, LoadListener listener, Footprint footprint, List<VirtualUser> users)
            throws InterruptedException {
        long timeoutNanos = settings.effectiveRequestTimeout().toNanos();
        long windowNanos = settings.duration().toNanos();
        long second = TimeUnit.SECONDS.toNanos(1);
        int ticks = (int) ((windowNanos + second - 1) / second);
        List<Long> perSecond = new ArrayList<>(ticks);
        long windowStart = System.nanoTime();
        tally.stage(LoadTally.Stage.WINDOW);
        long counted = 0;
        long elapsed = windowNanos;
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
            long now = System.nanoTime();
            for (VirtualUser user : users) {
                if (user.claimIfWaitingLongerThan(timeoutNanos, now)) {
                    tally.error(ErrorCause.REQUEST_TIMEOUT);
                }
            }
            if (tick == ticks) {
                tally.stage(LoadTally.Stage.DRAIN);
                elapsed = System.nanoTime() - windowStart;
            }
            long total = tally.responses();
            footprint.sampleRss();
            perSecond.add(total - counted);
            counted = total;
            listener.second(tick, perSecond.get(tick - 1), tally.openConnections());
        }
        return new Window(perSecond, elapsed);
    }

    private static QueuedThreadPool newExecutor() {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Math.max(8, 4 * cores);
        QueuedThreadPool executor = new QueuedThreadPool(threads, threads);
        executor.setName("allocbench-load");
        executor.setDaemon(true);
        return executor;
    }

    /**
     * A client on the shared executor and scheduler, bound to {@code source} when the connections are spread over
     * several source addresses: the bind address is client-wide in Jetty, hence one client per source address.
     */
    private HttpClient newClient(QueuedThreadPool executor, ScheduledExecutorScheduler scheduler, String source) {
        int cores = Runtime.getRuntime().availableProcessors();
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(Math.max(1, cores / 2));
        // The completion callback only records and writes the next request without blocking, so the selector may
        // run it itself: handing each response to a pool thread costs a selector wake-up per request, which at
        // 10,000 connections was where most of the time went.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(executor);
        client.setScheduler(scheduler);
        if (source != null) {
            client.setBindAddress(new InetSocketAddress(source, 0));
        }
        client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        client.setIdleTimeout(idleTimeout().toMillis());
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

    /**
     * Outlasts the ramp, and in an open-loop run twice the pause between two requests of one connection, so that a
     * connection is never closed for being idle while it waits for its next turn.
     */
    private Duration idleTimeout() {
        Duration timeout = rampTimeout(settings.connections()).plus(IDLE_TIMEOUT_BEYOND_RAMP);
        if (settings.openLoop()) {
            Duration turn = Duration.ofNanos(Math.round(2 * settings.connections() * 1e9 / settings.rate()));
            timeout = timeout.plus(turn);
        }
        return timeout;
    }

    /**
     * The longest a run of these settings can take before {@link #run(LoadListener)} returns: the ramp's timeout,
     * the start of the request loops, the settle time, the window and the drain.
     */
    static Duration longestRun(LoadSettings settings) {
        return rampTimeout(settings.connections()).plus(START_TIMEOUT).plus(settings.settle())
                .plus(settings.duration()).plus(DRAIN_TIMEOUT);
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

    /** The server's root URI, which every request path is resolved against. */
    private static URI uri(LoadSettings settings) {
        try {
            return new URI("http", null, settings.host(), settings.port(), "/", null, null);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("host '" + settings.host() + "' and port " + settings.port()
                    + " do not form a valid URL.", e);
        }
    }
}
