package io.github.allocbench.fork;

import io.github.allocbench.result.JvmSnapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's handle on one forked server: starts the JVM that {@link ForkCommand} describes with its output in a log
 * file, waits for its {@code READY} over the link, and stops it — politely with {@code STOP}, then SIGTERM, then
 * SIGKILL for the whole process tree (see {@link ChildProcess}). While it runs it keeps the latest {@code TELEMETRY}
 * the server sent ({@link #latestJvmSnapshot()}). Whatever happens, {@link #close()} leaves no process behind, and a
 * shutdown hook does the same if the host is interrupted (Ctrl-C) while the fork runs.
 */
public final class ServerFork implements AutoCloseable {

    /** How many log lines a failure message carries. */
    public static final int LOG_TAIL_LINES = ChildProcess.LOG_TAIL_LINES;

    private static final long POLL_MILLIS = 50;

    private final ChildProcess process;
    private final HostLink link;
    private final ForkTimeouts timeouts;
    private final AtomicReference<JvmSnapshot> latestJvmSnapshot = new AtomicReference<>();
    private int port;

    private ServerFork(ChildProcess process, HostLink link, ForkTimeouts timeouts) {
        this.process = process;
        this.link = link;
        this.timeouts = timeouts;
    }

    /** Starts a server with {@link ForkTimeouts#DEFAULT}. */
    public static ServerFork start(ForkCommand command, Path logFile) throws ForkException {
        return start(command, logFile, ForkTimeouts.DEFAULT);
    }

    /**
     * Starts the server {@code command} describes, its stdout and stderr going to {@code logFile}, and returns once
     * it is ready to serve.
     *
     * @throws ForkException when it could not be started, reported {@code FAILED}, exited, or was not ready within
     *                       the start-up timeout; the process is gone by then
     */
    public static ServerFork start(ForkCommand command, Path logFile, ForkTimeouts timeouts) throws ForkException {
        long deadline = System.nanoTime() + timeouts.startup().toNanos();
        HostLink link;
        try {
            link = HostLink.listen();
        } catch (IOException e) {
            throw new ForkException("Could not open the link port on 127.0.0.1: " + e.getMessage()
                    + ". The forked server needs a free local port.", e);
        }
        ServerFork fork = null;
        try {
            fork = new ServerFork(launch(command, logFile, timeouts, link.port()), link, timeouts);
            fork.awaitReady(deadline);
            return fork;
        } catch (ForkException | RuntimeException | Error e) {
            if (fork != null) {
                fork.close();
            } else {
                link.close();
            }
            throw e;
        }
    }

    private static ChildProcess launch(ForkCommand command, Path logFile, ForkTimeouts timeouts, int linkPort)
            throws ForkException {
        try {
            command.writeArgFile();
        } catch (IOException e) {
            throw new ForkException("Could not write " + e.getMessage() + " for the forked server. Check that the"
                    + " output directory is writable.", e);
        }
        List<String> arguments = command.arguments(linkPort);
        try {
            return ChildProcess.start(arguments, command.environment(System.getenv()), logFile, timeouts.termGrace());
        } catch (IOException e) {
            int java = CpuAffinity.prefix(command.cpus()).size();
            String pinned = java == 0 ? "" : " behind " + String.join(" ", arguments.subList(0, java));
            throw new ForkException("Could not start " + arguments.get(java) + pinned + ": " + e.getMessage()
                    + ". Check that it is a Java 17+ executable" + (java == 0 ? "" : ", that " + CpuAffinity.TASKSET
                    + " (util-linux) is on the PATH") + " and that the log folder is writable.", e);
        }
    }

    private void awaitReady(long deadline) throws ForkException {
        try {
            // Kept, not queued: one arrives every second, and only the latest is of use.
            boolean connected = link.accept(process, deadline, message -> {
                if (message instanceof LinkMessage.Telemetry telemetry) {
                    latestJvmSnapshot.set(telemetry.snapshot());
                    return true;
                }
                return false;
            });
            if (!connected) {
                checkStillStarting(deadline);
            }
        } catch (IOException e) {
            throw failure("The link to the forked server broke during start-up: " + e.getMessage() + ".", null, e);
        }
        while (true) {
            HostLink.Event event;
            try {
                event = link.poll(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("Interrupted while waiting for the forked server to start.", null, e);
            }
            if (event == null) {
                checkStillStarting(deadline);
            } else if (event instanceof HostLink.Received received
                    && received.message() instanceof LinkMessage.Ready r) {
                if (r.pid() != process.pid()) {
                    throw failure("The process that answered on the link says it is pid " + r.pid() + ", but the"
                            + " forked server is pid " + process.pid() + ". Something else connected to the link"
                            + " port; run the bench again.", null, null);
                }
                port = r.port();
                return;
            } else if (event instanceof HostLink.Received received
                    && received.message() instanceof LinkMessage.Failed failed) {
                Integer code = process.awaitExit(timeouts.termGrace());
                throw failure("The forked server could not start: " + failed.reason(), code, null);
            } else if (event instanceof HostLink.Garbled garbled) {
                throw failure(garbled.problem(), null, null);
            } else if (event instanceof HostLink.Closed) {
                Integer code = process.awaitExit(timeouts.termGrace());
                throw failure("The forked server closed the link before it was ready"
                        + (code == null ? "." : " and exited with code " + code + "."), code, null);
            } else {
                throw failure("The forked server sent " + ((HostLink.Received) event).message() + " before READY.",
                        null, null);
            }
        }
    }

    private void checkStillStarting(long deadline) throws ForkException {
        OptionalInt code = process.exitCode();
        if (code.isPresent()) {
            throw failure("The forked server exited with code " + code.getAsInt() + " before it was ready.",
                    code.getAsInt(), null);
        }
        if (System.nanoTime() - deadline > 0) {
            throw failure("The forked server (pid " + process.pid() + ") was not ready within "
                    + timeouts.startup().toMillis() + "ms and has been stopped. The handler's constructor or Jetty's"
                    + " start-up may be blocking; check the log, or raise <startupTimeout>"
                    + " (-Dallocbench.startupTimeout) on a slow machine.",
                    null, null);
        }
    }

    private ForkException failure(String what, Integer exitCode, Throwable cause) {
        List<String> tail = process.logTail(LOG_TAIL_LINES);
        Path logFile = process.logFile();
        String log = tail.isEmpty()
                ? "\nThe server's log " + logFile + " is empty."
                : "\nLast " + tail.size() + " lines of " + logFile + ":\n  " + String.join("\n  ", tail);
        return new ForkException(what + log, exitCode, cause);
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** The port the server listens on at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The JVM's latest report of its own memory, or {@code null} before the first; safe from any thread. */
    public JvmSnapshot latestJvmSnapshot() {
        return latestJvmSnapshot.get();
    }

    /** Completes with the server's exit code when its process ends, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit();
    }

    /** Whether the server's process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's exit code once it has exited. */
    public OptionalInt exitCode() {
        return process.exitCode();
    }

    /** The last {@code lines} lines of the server's log. */
    public List<String> logTail(int lines) {
        return process.logTail(lines);
    }

    /**
     * Asks the server's JVM to return the free memory of glibc's malloc heap to the operating system and waits up to
     * {@code timeout} for its report.
     *
     * @return the JVM's one-line report (see {@link LinkMessage.Trimmed}), or empty when the server did not answer in
     *         time or is gone
     */
    public Optional<String> trimNativeHeap(Duration timeout) throws InterruptedException {
        if (!link.send(new LinkMessage.Trim())) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            HostLink.Event event = link.poll(Math.min(left, POLL_MILLIS));
            if (event instanceof HostLink.Received received
                    && received.message() instanceof LinkMessage.Trimmed trimmed) {
                return Optional.of(trimmed.report());
            }
            if (event instanceof HostLink.Closed || !process.isAlive()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Stops the server: {@code STOP}, then after the stop grace SIGTERM to the process and its descendants, then after
     * the term grace SIGKILL. Calling it again returns the first outcome.
     */
    public StopOutcome stop() {
        return process.stop(() -> link.send(new LinkMessage.Stop()), timeouts.stopGrace());
    }

    /** Stops the server if it still runs (see {@link #stop()}) and releases the link; never leaves the process. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                process.close();
            } finally {
                link.close();
            }
        }
    }
}
