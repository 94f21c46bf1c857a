package io.github.allocbench.memory;

import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads a process's memory at a fixed interval on its own daemon thread, tagging each {@link MemorySample} with the
 * milliseconds since {@link #start()}, the phase the run is in and the JVM's latest self-report. Every reading takes
 * {@code /proc/<pid>/status}; once a second at the most, and less often when it is expensive, it also takes
 * {@code smaps_rollup} for PSS and private dirty memory (see {@link #rollupEvery}), and leaves them out for good on a
 * kernel without that file. When the process goes away the sampler stops quietly and keeps what it collected: a
 * server that dies mid-run is reported by the fork, not by a stream of read errors here. Any other failed read is
 * counted ({@link #failedReads()}, {@link #lastFailure()}) and sampling goes on, so that a gap in the series is
 * recorded rather than silent. It measures its own CPU time ({@link #cost()}).
 */
public final class MemorySampler implements AutoCloseable {

    /**
     * How often {@code smaps_rollup} is read, at the most. It walks every page table of the target under its
     * memory-map lock, stalling the server's page faults and mmaps for as long as it takes: 3.4 ms at 340 MB of RSS,
     * but 45-70 ms of CPU at 2.2 GB (measured on a 10,000-connection bench with a pre-touched 2 GB heap). Read at every
     * 250 ms tick that would cost over 1 % of a core at small sizes and 20 % at large ones.
     */
    static final Duration ROLLUP_PERIOD = Duration.ofSeconds(1);

    /**
     * The share of one core {@code smaps_rollup} may take: after each read the next waits at least its cost divided by
     * this (a 50 ms read is followed by 10 s without one), so the sampler stays below 1 % of a core together with the
     * status reads (about 0.5 ms each) at any RSS. PSS ranks peaks that move over seconds, so sparse reads suffice.
     */
    static final double ROLLUP_CPU_SHARE = 0.005;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Path procDir;
    private final long pid;
    private final Duration interval;
    private final Supplier<Phase> phaseSource;
    private final Supplier<JvmSnapshot> jvmSource;
    private final LongSupplier clockNanos;
    private final LongSupplier threadCpuNanos;
    private final List<MemorySample> samples = new ArrayList<>();
    private volatile Phase phase = Phase.IDLE;
    private volatile String endReason;
    private volatile int failedReads;
    private volatile String lastFailure;
    private volatile boolean rollupMissing;
    private ScheduledExecutorService executor;
    private long startNanos;
    private long ticks;
    private long readingsUntilRollup;
    private long cpuNanos;
    private long rollupReads;
    private long rollupCpuNanos;

    /**
     * A sampler of {@code pid} every {@code interval} that also attaches the JVM's own view to each sample.
     *
     * @param phaseSource the current phase, or {@code null} to use {@link #setPhase(Phase)}
     * @param jvmSource   the JVM's latest self-report (or {@code null} before the first), or {@code null} for none
     */
    public MemorySampler(long pid, Duration interval, Supplier<Phase> phaseSource, Supplier<JvmSnapshot> jvmSource) {
        this(Path.of("/proc", Long.toString(pid)), pid, interval, phaseSource, jvmSource);
    }

    /** A sampler reading the {@code status} and {@code smaps_rollup} files in {@code procDir}; tests use fixtures. */
    MemorySampler(Path procDir, long pid, Duration interval, Supplier<Phase> phaseSource,
                  Supplier<JvmSnapshot> jvmSource) {
        this(procDir, pid, interval, phaseSource, jvmSource, System::nanoTime, THREADS::getCurrentThreadCpuTime);
    }

    /**
     * A sampler on fixtures whose {@code tMs} and measured read costs come from the given clocks, so that tests can
     * check the timestamps and the {@code smaps_rollup} cadence without depending on how fast this machine is.
     */
    MemorySampler(Path procDir, long pid, Duration interval, Supplier<Phase> phaseSource,
                  Supplier<JvmSnapshot> jvmSource, LongSupplier clockNanos, LongSupplier threadCpuNanos) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The sample interval is " + interval.toMillis()
                    + "ms; set sampleInterval to a positive duration, e.g. 1s.");
        }
        this.procDir = procDir;
        this.pid = pid;
        this.interval = interval;
        this.phaseSource = phaseSource;
        this.jvmSource = jvmSource;
        this.clockNanos = clockNanos;
        this.threadCpuNanos = threadCpuNanos;
    }

    /**
     * Every how many readings at {@code interval} {@code smaps_rollup} is read when one such reading took
     * {@code rollupCpuNanos}: at most once per {@link #ROLLUP_PERIOD} and within {@link #ROLLUP_CPU_SHARE}.
     */
    static long rollupEvery(Duration interval, long rollupCpuNanos) {
        long pause = Math.max(ROLLUP_PERIOD.toNanos(), (long) (rollupCpuNanos / ROLLUP_CPU_SHARE));
        return Math.max(1, (pause + interval.toNanos() - 1) / interval.toNanos());
    }

    /** Sets the phase of the samples taken from now on, when no phase supplier was given. */
    public void setPhase(Phase phase) {
        this.phase = Objects.requireNonNull(phase);
    }

    /** The phase samples are tagged with now. */
    public Phase phase() {
        return currentPhase();
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
        startNanos = clockNanos.getAsLong();
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

    /** The most recent sample, if any: what a progress line shows, without copying the whole series. */
    public Optional<MemorySample> latest() {
        synchronized (samples) {
            return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
        }
    }

    /** Why sampling ended on its own, e.g. the process exited; empty when only {@link #stop()} ended it. */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** Reads that failed while the process lived; each left a gap in the series and sampling went on. */
    public int failedReads() {
        return failedReads;
    }

    /** The last read that failed while the process lived, if any. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The CPU time the periodic readings took so far. */
    public SamplerCost cost() {
        synchronized (samples) {
            return new SamplerCost(ticks, cpuNanos, rollupReads, rollupCpuNanos, interval);
        }
    }

    /**
     * Reads the process once, {@code smaps_rollup} included where the kernel has it, tagged like the periodic samples
     * ({@code tMs} 0 before {@link #start()}); it is not added to {@link #samples()}.
     *
     * @throws IOException when the process cannot be read, e.g. it is gone
     */
    MemorySample sampleNow() throws IOException {
        return read(true);
    }

    @Override
    public void close() {
        stop();
    }

    private MemorySample read(boolean withRollup) throws IOException {
        // The time of the reading is when it starts: smaps_rollup can take milliseconds.
        long tMs = elapsedMs();
        ProcStatus status = ProcStatus.parse(Files.readString(procDir.resolve("status")));
        if (status.isExited()) {
            throw new IOException("Process " + pid + " has exited (state " + status.state() + ").");
        }
        SmapsRollup rollup = withRollup ? rollup() : null;
        return new MemorySample(tMs, currentPhase(), status.vmRssKb(), status.vmSizeKb(), status.vmHwmKb(),
                status.rssAnonKb(), status.rssFileKb(), status.rssShmemKb(), status.threads(),
                rollup == null ? null : rollup.pssKb(), rollup == null ? null : rollup.privateDirtyKb(),
                jvmSource == null ? null : jvmSource.get());
    }

    private SmapsRollup rollup() throws IOException {
        if (rollupMissing) {
            return null;
        }
        Optional<SmapsRollup> rollup = SmapsRollup.read(procDir);
        // Absent once means absent for good (a kernel before 4.14): the status read just proved the process lives.
        rollupMissing = rollup.isEmpty();
        return rollup.orElse(null);
    }

    private void tick() {
        long cpuStart = threadCpuNanos.getAsLong();
        boolean withRollup = readingsUntilRollup == 0 && !rollupMissing;
        try {
            MemorySample sample = read(withRollup);
            long cpu = threadCpuNanos.getAsLong() - cpuStart;
            readingsUntilRollup = withRollup ? rollupEvery(interval, cpu) - 1 : readingsUntilRollup - 1;
            synchronized (samples) {
                samples.add(sample);
                ticks++;
                cpuNanos += cpu;
                if (sample.pssKb() != null) {
                    rollupReads++;
                    rollupCpuNanos += cpu;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (processGone()) {
                // The series ends: retrying would only repeat the error, and the fork reports the death.
                endReason = "Stopped sampling process " + pid + ": " + e.getMessage();
                executor.shutdown();
            } else {
                failedReads++;
                lastFailure = "Reading process " + pid + " failed at " + elapsedMs() + " ms: " + e;
            }
        }
    }

    /** Whether the process has exited, as far as {@code /proc} tells: its directory is gone, or it is a zombie. */
    private boolean processGone() {
        try {
            return ProcStatus.parse(Files.readString(procDir.resolve("status"))).isExited();
        } catch (IOException | RuntimeException e) {
            return !Files.isDirectory(procDir);
        }
    }

    private synchronized long elapsedMs() {
        return executor == null ? 0 : TimeUnit.NANOSECONDS.toMillis(clockNanos.getAsLong() - startNanos);
    }

    private Phase currentPhase() {
        return phaseSource == null ? phase : phaseSource.get();
    }
}
