package io.github.allocbench.memory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads a process's memory from {@code /proc/<pid>/status} at a fixed interval on its own daemon thread, tagging each
 * {@link MemorySample} with the milliseconds since {@link #start()} and the phase the run is in. When the process
 * goes away the sampler stops quietly and keeps what it collected: a server that dies mid-run is reported by the fork,
 * not by a stream of read errors here.
 */
public final class MemorySampler implements AutoCloseable {

    private final long pid;
    private final Duration interval;
    private final Supplier<Phase> phaseSource;
    private final List<MemorySample> samples = new ArrayList<>();
    private volatile Phase phase = Phase.IDLE;
    private volatile String endReason;
    private ScheduledExecutorService executor;
    private long startNanos;

    /** A sampler of {@code pid} every {@code interval}, whose phase is set with {@link #setPhase(Phase)}. */
    public MemorySampler(long pid, Duration interval) {
        this(pid, interval, null);
    }

    /**
     * A sampler of {@code pid} every {@code interval} that asks {@code phaseSource} for the phase of each sample.
     *
     * @param phaseSource the current phase, or {@code null} to use {@link #setPhase(Phase)}
     */
    public MemorySampler(long pid, Duration interval, Supplier<Phase> phaseSource) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The sample interval is " + interval.toMillis()
                    + "ms; set sampleInterval to a positive duration, e.g. 1s.");
        }
        this.pid = pid;
        this.interval = interval;
        this.phaseSource = phaseSource;
    }

    /** Sets the phase of the samples taken from now on, when no phase supplier was given. */
    public void setPhase(Phase phase) {
        this.phase = Objects.requireNonNull(phase);
    }

    /**
     * Takes a first sample now and then one every interval; {@code tMs} counts from this call.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("This sampler was already started; use a new one per run.");
        }
        startNanos = System.nanoTime();
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "allocbench-sampler-" + pid);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops sampling (waiting for a read in progress) and returns every sample taken, in time order. */
    public List<MemorySample> stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return samples();
    }

    /** The samples taken so far, in time order. */
    public List<MemorySample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Why sampling ended on its own, e.g. the process exited; empty when only {@link #stop()} ended it. */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /**
     * Reads the process once, tagged like the periodic samples ({@code tMs} 0 before {@link #start()}); it is not added
     * to {@link #samples()}.
     *
     * @throws IOException when the process cannot be read, e.g. it is gone
     */
    public MemorySample sampleNow() throws IOException {
        ProcStatus status = ProcStatus.read(pid);
        if (status.isExited()) {
            throw new IOException("Process " + pid + " has exited (state " + status.state() + ").");
        }
        return new MemorySample(elapsedMs(), currentPhase(), status.vmRssKb(), status.vmSizeKb(), status.vmHwmKb(),
                status.rssAnonKb(), status.rssFileKb(), status.rssShmemKb(), status.threads(), null, null, null);
    }

    @Override
    public void close() {
        stop();
    }

    private void tick() {
        try {
            MemorySample sample = sampleNow();
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (IOException | RuntimeException e) {
            // One failed read ends the series: the process is gone, and retrying would only repeat the error.
            endReason = "Stopped sampling process " + pid + ": " + e.getMessage();
            executor.shutdown();
        }
    }

    private synchronized long elapsedMs() {
        return executor == null ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private Phase currentPhase() {
        return phaseSource == null ? phase : phaseSource.get();
    }
}
