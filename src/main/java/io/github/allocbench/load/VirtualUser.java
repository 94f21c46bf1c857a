package io.github.allocbench.load;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated client: it owns one keep-alive connection and keeps exactly one request in flight on it, sending the
 * next request from the completion of the previous one (a closed loop). The connection comes from
 * {@link Destination#newConnection(Promise)} and requests go through {@link Connection#send}, so they never enter
 * the destination's request queue or its connection pool, where a pooled closed loop at 10,000 connections stalls.
 * A lost connection is re-opened with a growing back-off, through the same connect gate as the ramp. In an open-loop
 * run the next request waits for its intended time in the {@link RateSchedule} instead, or goes at once when it is
 * already late, and its latency counts from the intended time.
 *
 * <p>It is a little over 300 lines because the closed and the open loop share one state machine per connection.
 */
final class VirtualUser implements Promise<Connection>, Response.CompleteListener {

    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1000;
    /** In {@link #inFlightSince}: the request in flight has been counted as an error and its outcome is not. */
    private static final long CLAIMED = Long.MIN_VALUE;

    private final HttpClient client;
    private final Destination destination;
    private final RequestTemplate template;
    private final int index;
    private final boolean openLoop;
    private final Semaphore connectGate;
    private final CountDownLatch rampOutcomes;
    private final LoadTally tally;

    // Guarded by this: the connection and whether a request loop runs on it.
    private Connection connection;
    private boolean looping;
    private boolean rampOutcomeReported;
    private int consecutiveFailures;

    // Set when the loop starts in an open-loop run; null in a closed loop.
    private volatile RateSchedule schedule;

    // Written only by whoever owns the single in-flight or scheduled request; volatile for readers after the run.
    private long sentAtNanos;
    private long intendedAtNanos;
    private long nextIntendedNanos;
    private long sequence;
    private volatile long windowResponses;
    // The send time of the request in flight, 0 when none is, CLAIMED once it was counted as unanswered in time: the
    // compare-and-set between the completion and the timeout scan makes each request count exactly once.
    private final AtomicLong inFlightSince = new AtomicLong();

    /**
     * @param index    this user's number from 0, which staggers its place in the rate schedule and its first path
     * @param openLoop whether requests follow a {@link RateSchedule} given to {@link #start(RateSchedule)}
     */
    VirtualUser(HttpClient client, Destination destination, RequestTemplate template, int index, boolean openLoop,
                Semaphore connectGate, CountDownLatch rampOutcomes, LoadTally tally) {
        this.client = client;
        this.destination = destination;
        this.template = template;
        this.index = index;
        this.openLoop = openLoop;
        this.connectGate = connectGate;
        this.rampOutcomes = rampOutcomes;
        this.tally = tally;
    }

    /** Opens the connection; the caller holds a permit of the connect gate, which the outcome gives back. */
    void connect() {
        try {
            destination.newConnection(this);
        } catch (RuntimeException e) {
            // Jetty normally fails the promise, but a throw here would otherwise keep the permit and the ramp's count.
            failed(e);
        }
    }

    /**
     * Claims this user's request in flight when it has waited for its response for {@code timeoutNanos} or longer,
     * so that the caller counts it as an error and its late outcome, if any, is not counted again.
     *
     * @return whether a request was claimed
     */
    boolean claimIfWaitingLongerThan(long timeoutNanos, long nowNanos) {
        long since = inFlightSince.get();
        return since != 0 && since != CLAIMED && nowNanos - since >= timeoutNanos
                && inFlightSince.compareAndSet(since, CLAIMED);
    }

    /** Responses this user received in the measured window. */
    long windowResponses() {
        return windowResponses;
    }

    @Override
    public void succeeded(Connection opened) {
        connectGate.release();
        boolean start;
        synchronized (this) {
            reportRampOutcome();
            if (tally.stage() == LoadTally.Stage.DRAIN) {
                opened.close();
                return;
            }
            connection = opened;
            consecutiveFailures = 0;
            tally.connectionOpened();
            // During the ramp the connection only waits; later (a re-open) it goes straight back to work.
            start = tally.stage() != LoadTally.Stage.RAMP && !looping;
            looping |= start;
        }
        if (start) {
            sendNext();
        }
    }

    @Override
    public void failed(Throwable failure) {
        connectGate.release();
        tally.error(failure);
        synchronized (this) {
            reportRampOutcome();
            consecutiveFailures++;
        }
        reconnectLater();
    }

    /** Starts the closed request loop if the connection is open and the loop is not already running. */
    void start() {
        start(null);
    }

    /**
     * Starts the request loop if the connection is open and the loop is not already running; in an open-loop run
     * the first request is due at this user's place in {@code rateSchedule}.
     */
    void start(RateSchedule rateSchedule) {
        if (rateSchedule != null) {
            nextIntendedNanos = rateSchedule.firstSend(index);
            schedule = rateSchedule;
        }
        boolean start;
        synchronized (this) {
            start = connection != null && !looping;
            looping |= start;
        }
        if (start) {
            sendNext();
        }
    }

    /** Closes the connection; the run is draining, so nothing is re-opened. */
    void close() {
        Connection toClose = detach();
        if (toClose != null) {
            toClose.close();
        }
    }

    @Override
    public void onComplete(Result result) {
        long latency = RateSchedule.latency(intendedAtNanos, sentAtNanos, System.nanoTime());
        boolean counted = inFlightSince.getAndSet(0) != CLAIMED;
        tally.requestDone();
        if (result.isSucceeded()) {
            if (counted && tally.response(latency, result.getResponse().getStatus())) {
                windowResponses++;
            }
            Connection current;
            synchronized (this) {
                current = connection;
            }
            // The server may close a keep-alive connection after a complete response; that is no error.
            if (current != null && !current.isClosed()) {
                sendNext();
                return;
            }
        } else {
            if (counted) {
                tally.error(result.getFailure());
            }
            synchronized (this) {
                consecutiveFailures++;
            }
        }
        dropConnection();
        reconnectLater();
    }

    private void sendNext() {
        Connection current = connectionForNextRequest();
        if (current == null) {
            return;
        }
        RateSchedule rateSchedule = schedule;
        if (rateSchedule == null) {
            long now = System.nanoTime();
            send(current, now, now);
            return;
        }
        long intended = nextIntendedNanos;
        long now = System.nanoTime();
        long wait = RateSchedule.delay(intended, now);
        if (wait > 0) {
            scheduler().schedule(this::sendWhenDue, wait, TimeUnit.NANOSECONDS);
        } else {
            send(current, intended, now);
        }
    }

    private void sendWhenDue() {
        Connection current = connectionForNextRequest();
        if (current != null) {
            send(current, nextIntendedNanos, System.nanoTime());
        }
    }

    /** The connection to send on, or {@code null} (and the loop ended) when it is gone or the run is draining. */
    private Connection connectionForNextRequest() {
        synchronized (this) {
            boolean waitingForSchedule = openLoop && schedule == null;
            if (connection == null || tally.stage() == LoadTally.Stage.DRAIN || waitingForSchedule) {
                looping = false;
                return null;
            }
            return connection;
        }
    }

    private void send(Connection current, long intended, long now) {
        RateSchedule rateSchedule = schedule;
        if (rateSchedule != null) {
            nextIntendedNanos = rateSchedule.nextSend(intended);
        }
        Request request = template.newRequest(client, index, sequence++);
        tally.requestSent();
        intendedAtNanos = intended;
        sentAtNanos = now;
        // 0 means "none in flight"; a clock that reads exactly 0 is moved by a nanosecond.
        inFlightSince.set(now == 0 || now == CLAIMED ? now + 1 : now);
        current.send(request, this);
    }

    private void dropConnection() {
        Connection lost = detach();
        if (lost != null) {
            tally.connectionLost();
            lost.close();
        }
    }

    /** Stops the loop and takes the connection away from it, so that exactly one caller closes it. */
    private synchronized Connection detach() {
        Connection taken = connection;
        connection = null;
        looping = false;
        return taken;
    }

    private void reconnectLater() {
        if (tally.stage() == LoadTally.Stage.DRAIN) {
            return;
        }
        long backoff;
        synchronized (this) {
            backoff = consecutiveFailures == 0 ? 0
                    : Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(consecutiveFailures - 1, 10));
        }
        scheduler().schedule(this::reconnect, backoff, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (tally.stage() == LoadTally.Stage.DRAIN) {
            return;
        }
        if (connectGate.tryAcquire()) {
            connect();
        } else {
            scheduler().schedule(this::reconnect, MIN_BACKOFF_MS, TimeUnit.MILLISECONDS);
        }
    }

    private Scheduler scheduler() {
        return client.getScheduler();
    }

    private void reportRampOutcome() {
        if (!rampOutcomeReported) {
            rampOutcomeReported = true;
            rampOutcomes.countDown();
        }
    }
}
