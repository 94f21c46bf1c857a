package io.github.allocbench.fork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The reaper of one forked JVM, shared by the server and the load generator: starts it with stdout and stderr in a
 * log file and stdin closed, registers a shutdown hook that kills its process tree if the host is interrupted (Ctrl-C),
 * stops it by asking first, then SIGTERM to the tree, then SIGKILL, and reads its exit status and the tail of its
 * log. {@link #close()} leaves no process of the tree behind.
 */
public final class ChildProcess implements AutoCloseable {

    /** How many log lines a failure message carries. */
    public static final int LOG_TAIL_LINES = 20;

    private final Process process;
    private final Path logFile;
    private final Duration termGrace;
    private final Thread shutdownHook;
    private StopOutcome stopOutcome;

    private ChildProcess(Process process, Path logFile, Duration termGrace) {
        this.process = process;
        this.logFile = logFile;
        this.termGrace = termGrace;
        this.shutdownHook = new Thread(this::killTree, "allocbench-kill-fork-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} with exactly {@code environment}, its stdout and stderr going to {@code logFile} (created
     * with its folder, emptied if it exists).
     *
     * @param termGrace how long it may take to exit after SIGTERM before SIGKILL, and after SIGKILL
     * @throws IOException when the log's folder cannot be created or the process cannot be started
     */
    public static ChildProcess start(List<String> command, Map<String, String> environment, Path logFile,
                                     Duration termGrace) throws IOException {
        Path logDir = logFile.toAbsolutePath().getParent();
        if (logDir != null) {
            Files.createDirectories(logDir);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            // The child has no console; stdin closed means code reading it gets end-of-file, not a hang.
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Closing an unused pipe of a process that already exited can fail; the exit is noticed right after.
        }
        return new ChildProcess(process, logFile, termGrace);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child's process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's exit code once it has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes with the child's exit code when its process ends, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The child's log file, for failure messages. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the child's log. */
    public List<String> logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    /**
     * Waits up to {@code timeout} for the child to exit.
     *
     * @return its exit code, or {@code null} when it still runs
     */
    public Integer awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return process.isAlive() ? null : process.exitValue();
        }
    }

    /**
     * Stops the child: {@code askToStop} (which says whether the request went out), then after {@code stopGrace}
     * SIGTERM to the process and its descendants, then after the term grace SIGKILL. Calling it again returns the
     * first outcome.
     */
    public synchronized StopOutcome stop(BooleanSupplier askToStop, Duration stopGrace) {
        if (stopOutcome != null) {
            return stopOutcome;
        }
        if (!process.isAlive()) {
            return stopOutcome = StopOutcome.ALREADY_EXITED;
        }
        if (askToStop.getAsBoolean() && awaitExit(stopGrace) != null) {
            return stopOutcome = StopOutcome.STOPPED;
        }
        // Collected while the process lives: once it is gone its children are re-parented and cannot be found.
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (awaitExit(termGrace) != null) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            return stopOutcome = StopOutcome.TERMINATED;
        }
        killTree();
        awaitExit(termGrace);
        return stopOutcome = StopOutcome.KILLED;
    }

    /** Kills the child and its descendants with SIGKILL at once. */
    public void killTree() {
        // The child first, so that it cannot notice its descendants dying and exit on its own terms; the descendants
        // are listed before, while they are still its own.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills what still runs of the child's tree, waits for it and drops the shutdown hook. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                killTree();
                awaitExit(termGrace);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it kills the same process.
            }
        }
    }
}
