package io.github.allocbench.load;

import io.github.allocbench.fork.ExitStatus;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.LogTail;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.units.HumanDuration;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The load generator in a JVM of its own, so that its heap, garbage and threads are neither in Maven's JVM (whose
 * memory would grow run after run) nor in the server's. The child is {@code LoadMain} in controlled mode: it starts,
 * runs the unmeasured warm-up, reports {@code warm} and waits; {@link #run(LoadListener)} tells it to go and relays
 * its ramp and per-second lines to the listener until the result arrives. The child exits when its standard input
 * closes, so it ends with this handle and with the JVM holding it, even one killed with SIGKILL; {@link #close()}
 * and a shutdown hook kill it outright if it does not.
 */
public final class LoadFork implements AutoCloseable {

    /** How long the child's JVM may take to start before it counts as failed. */
    private static final Duration START_SLACK = Duration.ofSeconds(60);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 20;
    /** Queued by the reader when the child's output ends; no protocol line can equal it. */
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Path logFile;
    private final LoadSettings settings;
    private final Duration warmup;
    private final int warmupConnections;
    private final Writer control;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread shutdownHook;

    private LoadFork(Process process, Path logFile, LoadSettings settings, Duration warmup, int warmupConnections) {
        this.process = process;
        this.logFile = logFile;
        this.settings = settings;
        this.warmup = warmup;
        this.warmupConnections = warmupConnections;
        this.control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.shutdownHook = new Thread(process::destroyForcibly, "allocbench-kill-load-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread reader = new Thread(this::readLines, "allocbench-load-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The JVM options the generator runs with unless the user sets {@code generatorJvmArgs}, for the serial
     * collector (one thread, little memory of its own) with a young and an old generation of 128 MiB per 10,000
     * connections each (at least 64 MiB). At 10,000 connections the requests in flight take about 30 MiB and the
     * connections' own state about 40 MiB: survivor spaces half as large as eden ({@code -XX:SurvivorRatio=2}) let
     * the requests die young instead of being promoted, and an old generation twice the connections' state keeps
     * it from filling; with a 64 MiB old generation runs fell into a full collection every second. An
     * OutOfMemoryError ends the JVM, which the bench reports.
     */
    public static List<String> defaultJvmOptions(int connections) {
        long generationMiB = Math.max(64, (128L * connections + 9_999) / 10_000);
        return List.of("-Xmx" + 2 * generationMiB + "m", "-Xmn" + generationMiB + "m", "-XX:SurvivorRatio=2",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    /**
     * Starts the generator's JVM and has it run the warm-up, if any.
     *
     * @param java              the {@code java} executable
     * @param jvmOptions        the child's JVM options, e.g. {@link #defaultJvmOptions(int)}
     * @param classpath         the plugin's own classes and dependencies (not the project's)
     * @param settings          the measured load
     * @param warmup            the unmeasured load before it; zero for none
     * @param warmupConnections connections of the warm-up
     * @param logFile           where the child's standard error and other output go; its argument and request files
     *                          lie beside it
     * @throws LoadException when the files cannot be written or the JVM cannot be started
     */
    public static LoadFork start(Path java, List<String> jvmOptions, List<Path> classpath, LoadSettings settings,
                                 Duration warmup, int warmupConnections, Path logFile) throws LoadException {
        Path argFile = sibling(logFile, ".args");
        Path requestFile = sibling(logFile, ".request.json");
        try {
            Path dir = logFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(logFile, "");
            Files.writeString(argFile, ForkCommand.classpathArgFile(classpath));
            Files.writeString(requestFile, LoadWire.JSON.writeValueAsString(settings.request()));
        } catch (IOException e) {
            throw new LoadException("Could not write " + e.getMessage() + " for the load generator's JVM. Check "
                    + "that the output directory is writable.", e);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("@" + argFile);
        command.add(LoadWire.MAIN_CLASS);
        command.addAll(List.of("--controlled", "--host", settings.host(), "--port", Integer.toString(settings.port()),
                "--connections", Integer.toString(settings.connections()),
                "--duration", HumanDuration.format(settings.duration()),
                "--rate", Double.toString(settings.rate()),
                "--sources", Integer.toString(settings.sourceAddresses()),
                "--warmup", HumanDuration.format(warmup),
                "--warmup-connections", Integer.toString(warmupConnections),
                "--settle", HumanDuration.format(settings.settle()),
                "--request-timeout", HumanDuration.format(settings.requestTimeout()),
                "--request", requestFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // A preload meant for the server must not swap the generator's allocator.
        builder.environment().remove("LD_PRELOAD");
        try {
            return new LoadFork(builder.start(), logFile, settings, warmup, warmupConnections);
        } catch (IOException e) {
            throw new LoadException("Could not start the load generator's JVM (" + java + "): " + e.getMessage(), e);
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the warm-up to end.
     *
     * @return the warm-up's result, or {@code null} when there was none
     * @throws LoadException when the child failed or did not report in time
     */
    public LoadResult awaitWarmUp() throws LoadException, InterruptedException {
        long deadline = System.nanoTime() + START_SLACK.toNanos() + (warmup.isZero() ? 0
                : LoadGenerator.longestRun(settings.withConnections(warmupConnections).withDuration(warmup)).toNanos());
        String payload = await("warm", deadline, LoadListener.NONE);
        return payload.equals("none") ? null : parse(payload);
    }

    /**
     * Runs the measured load and returns its result; the listener hears of the ramp's end and of every second.
     *
     * @throws LoadException when the child failed or did not report in time
     */
    public LoadResult run(LoadListener listener) throws LoadException, InterruptedException {
        try {
            control.write("go\n");
            control.flush();
        } catch (IOException e) {
            throw failure("took no more commands (" + e.getMessage() + ")");
        }
        long deadline = System.nanoTime() + START_SLACK.toNanos() + LoadGenerator.longestRun(settings).toNanos();
        return parse(await("result", deadline, listener));
    }

    /** Ends the child: its standard input closes, which makes it exit; it is killed if it has not after 5 s. */
    @Override
    public void close() {
        try {
            control.close();
        } catch (IOException ignored) {
            // The child is gone already; it is reaped below either way.
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // The JVM is shutting down; the hook kills the child.
            }
        }
    }

    /** Reads protocol lines until {@code expected} arrives, passing ramp and second lines to the listener. */
    private String await(String expected, long deadline, LoadListener listener)
            throws LoadException, InterruptedException {
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw failure("did not report '" + expected + "' in time and was killed");
            }
            if (line.equals(EOF)) {
                waitQuietly();
                throw failure("exited with " + ExitStatus.describe(exitCode()) + " before reporting '" + expected
                        + "'");
            }
            String[] parts = line.split(" ", 2);
            String event = parts[0].substring(LoadWire.PREFIX.length());
            String payload = parts.length > 1 ? parts[1] : "";
            switch (event) {
                case "error" -> throw new LoadException("The load generator failed: " + payload);
                case "ramp" -> {
                    String[] f = payload.split(" ");
                    listener.rampFinished(Integer.parseInt(f[0]), Long.parseLong(f[1]));
                }
                case "second" -> {
                    String[] f = payload.split(" ");
                    listener.second(Integer.parseInt(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]));
                }
                default -> {
                    if (event.equals(expected)) {
                        return payload;
                    }
                }
            }
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(LoadWire.PREFIX)) {
                    lines.add(line);
                } else {
                    // The JVM writes its own start-up errors to standard output: they belong in the log.
                    Files.writeString(logFile, line + System.lineSeparator(), StandardOpenOption.APPEND);
                }
            }
        } catch (IOException ignored) {
            // The child's output closed abnormally; the end marker below tells the waiting side.
        } finally {
            lines.add(EOF);
        }
    }

    private LoadResult parse(String json) throws LoadException {
        try {
            return Objects.requireNonNull(LoadWire.JSON.readValue(json, LoadResult.class));
        } catch (JsonProcessingException | NullPointerException e) {
            throw failure("sent a result that could not be read (" + e.getMessage() + ")");
        }
    }

    private LoadException failure(String what) {
        return new LoadException("The load generator's JVM (pid " + process.pid() + ") " + what + "; last lines of "
                + logFile + ":\n  " + String.join("\n  ", LogTail.of(logFile, LOG_TAIL_LINES)));
    }

    private void waitQuietly() throws InterruptedException {
        process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The child's exit code once it has ended, else {@code null}. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
