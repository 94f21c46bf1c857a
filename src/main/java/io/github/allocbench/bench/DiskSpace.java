package io.github.allocbench.bench;

import io.github.allocbench.units.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks, before the first run, that the output directory's disk can hold what the bench will write: a full disk
 * found only after the last run loses that run's figures. The estimate is deliberately generous: per memory sample
 * the results file, the CSV and the report's charts each take a few hundred bytes, and the logs grow with the
 * connections (a failing load logs per connection).
 */
public final class DiskSpace {

    /** Bytes written per memory sample over results.json, samples.csv and the report's charts. */
    static final long BYTES_PER_SAMPLE = 4096;
    /** Bytes of the server's and the generator's logs per run, before any per-connection error lines. */
    static final long LOG_BYTES_PER_RUN = 512 * 1024;
    /** Bytes of generator log per connection, for the error lines of a load that fails connection by connection. */
    static final long LOG_BYTES_PER_CONNECTION = 256;
    /** The report's fixed part: page, style sheet, summary. */
    static final long FIXED_BYTES = 2 * 1024 * 1024;
    /** Below this many times the estimate the bench warns, so that a disk filling up meanwhile is noticed. */
    static final int WARN_FACTOR = 4;

    /** Reads how many bytes can still be written in a directory; tests inject a full disk through it. */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path directory) throws IOException;

        /** The file store's usable space, as the operating system reports it. */
        FreeSpace SYSTEM = directory -> Files.getFileStore(directory).getUsableSpace();
    }

    /** What was found: the space needed, the space free, and whether to warn. */
    public record Check(long neededBytes, long freeBytes, boolean tight) {
    }

    private DiskSpace() {
    }

    /** The bytes a bench with these settings writes at most, generously. */
    public static long estimate(BenchConfig config) {
        Duration perRun = config.loadWarmup().plus(config.idle()).plus(config.settle()).plus(config.duration())
                .plus(config.cooldown()).plus(Duration.ofSeconds(10));
        long samples = perRun.toMillis() / Math.max(1, config.sampleInterval().toMillis()) + 1;
        long runs = runs(config);
        long perRunBytes = samples * BYTES_PER_SAMPLE + LOG_BYTES_PER_RUN
                + (long) config.connections() * LOG_BYTES_PER_CONNECTION;
        return FIXED_BYTES + runs * perRunBytes;
    }

    /** Every allocator on every JDK, each trial. */
    private static long runs(BenchConfig config) {
        return (long) config.allocators().size() * Math.max(1, config.jdks().size()) * config.trials();
    }

    /**
     * Checks the disk of {@code directory} for {@code config}.
     *
     * @throws IOException naming the directory, the space needed and the space free when it does not fit
     */
    public static Check check(Path directory, BenchConfig config, FreeSpace freeSpace) throws IOException {
        long needed = estimate(config);
        long free;
        try {
            free = freeSpace.usableBytes(directory);
        } catch (IOException e) {
            throw new IOException("cannot read the free space of " + directory + " (" + e + ")", e);
        }
        if (free < needed) {
            throw new IOException("the output directory " + directory + " has " + Units.sizeOfBytes(free)
                    + " free, but this bench needs about " + Units.sizeOfBytes(needed) + " ("
                    + runs(config) + " run(s) of " + Units.count(config.connections())
                    + " connections sampled every " + Units.millis(config.sampleInterval().toMillis())
                    + "). Free space there or set <outputDirectory> (-Dallocbench.outputDirectory) to a disk with"
                    + " room.");
        }
        return new Check(needed, free, free < needed * WARN_FACTOR);
    }
}
