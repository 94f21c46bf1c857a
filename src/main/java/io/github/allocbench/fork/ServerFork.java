package io.github.allocbench.fork;

import io.github.allocbench.result.JvmSnapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's handle on one forked server: starts the JVM that {@link ForkCommand} describes with its output in a log
 * file, waits for its {@code READY} over the link, and stops it — politely with {@code STOP}, then SIGTERM, then
 * SIGKILL for the whole process tree. While it runs it keeps the latest {@code TELEMETRY} the server sent
 * ({@link #latestJvmSnapshot()}). Whatever happens, {@link #close()} leaves no process behind, and a shutdown hook
 * does the same if the host is interrupted (Ctrl-C) while the fork runs.
 */
public final class ServerFork implements AutoCloseable {

    /** How many log lines a failure message carries. */
    public static final int LOG_TAIL_LINES = 20;

    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final Path logFile;
    private final ForkTimeouts timeouts;
    private final Thread shutdownHook;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<JvmSnapshot> latestJvmSnapshot = new AtomicReference<>();
    private Socket link;
    private Writer out;
    private int port;
    private StopOutcome stopOutcome;

    private ServerFork(Process process, Path logFile, ForkTimeouts timeouts) {
        this.process = process;
        this.logFile = logFile;
        this.timeouts = timeouts;
        this.shutdownHook = new Thread(() -> killTree(process), "allocbench-kill-fork-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new ForkException("Could not open the link port on 127.0.0.1: " + e.getMessage()
                    + ". The forked server needs a free local port.", e);
        }
        ServerFork fork = null;
        try {
            fork = launch(command, logFile, timeouts, listener.getLocalPort());
            fork.awaitReady(listener, deadline);
            return fork;
        } catch (ForkException | RuntimeException | Error e) {
            if (fork != null) {
                fork.close();
            }
            throw e;
        } finally {
            try {
                listener.close();
            } catch (IOException ignored) {
                // The link is accepted or the start failed; the listener has no further use either way.
            }
        }
    }

    private static ServerFork launch(ForkCommand command, Path logFile, ForkTimeouts timeouts, int linkPort)
            throws ForkException {
        try {
            command.writeArgFile();
            Path logDir = logFile.toAbsolutePath().getParent();
            if (logDir != null) {
                Files.createDirectories(logDir);
            }
        } catch (IOException e) {
            throw new ForkException("Could not write " + e.getMessage() + " for the forked server. Check that the"
                    + " output directory is writable.", e);
        }
        List<String> arguments = command.arguments(linkPort);
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().clear();
        builder.environment().putAll(command.environment(System.getenv()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ForkException("Could not start " + arguments.get(0) + ": " + e.getMessage()
                    + ". Check that it is a Java 17+ executable.", e);
        }
        try {
            // The server has no console; stdin closed means a handler reading it gets end-of-file, not a hang.
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Closing an unused pipe of a process that already exited can fail; the exit is noticed right after.
        }
        return new ServerFork(process, logFile, timeouts);
    }

    private void awaitReady(ServerSocket listener, long deadline) throws ForkException {
        try {
            listener.setSoTimeout((int) POLL_MILLIS);
            while (link == null) {
                try {
                    link = listener.accept();
                } catch (SocketTimeoutException e) {
                    checkStillStarting(deadline);
                }
            }
            out = new OutputStreamWriter(link.getOutputStream(), StandardCharsets.UTF_8);
            startReader(link);
        } catch (IOException e) {
            throw failure("The link to the forked server broke during start-up: " + e.getMessage() + ".", null, e);
        }
        while (true) {
            Inbound inbound;
            try {
                inbound = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("Interrupted while waiting for the forked server to start.", null, e);
            }
            if (inbound == null) {
                checkStillStarting(deadline);
            } else if (inbound instanceof Received received && received.message() instanceof LinkMessage.Ready r) {
                if (r.pid() != process.pid()) {
                    throw failure("The process that answered on the link says it is pid " + r.pid() + ", but the"
                            + " forked server is pid " + process.pid() + ". Something else connected to the link"
                            + " port; run the bench again.", null, null);
                }
                port = r.port();
                return;
            } else if (inbound instanceof Received received
                    && received.message() instanceof LinkMessage.Failed failed) {
                Integer code = awaitExit(timeouts.termGrace());
                throw failure("The forked server could not start: " + failed.reason(), code, null);
            } else if (inbound instanceof Garbled garbled) {
                throw failure(garbled.problem(), null, null);
            } else if (inbound instanceof Closed) {
                Integer code = awaitExit(timeouts.termGrace());
                throw failure("The forked server closed the link before it was ready"
                        + (code == null ? "." : " and exited with code " + code + "."), code, null);
            } else {
                throw failure("The forked server sent " + ((Received) inbound).message() + " before READY.",
                        null, null);
            }
        }
    }

    private void checkStillStarting(long deadline) throws ForkException {
        if (!process.isAlive()) {
            int code = process.exitValue();
            throw failure("The forked server exited with code " + code + " before it was ready.", code, null);
        }
        if (System.nanoTime() - deadline > 0) {
            throw failure("The forked server (pid " + process.pid() + ") was not ready within "
                    + timeouts.startup().toMillis() + "ms and has been stopped. The handler's constructor or Jetty's"
                    + " start-up may be blocking; check the log, or raise <startupTimeout>"
                    + " (-Dallocbench.startupTimeout) on a slow machine.",
                    null, null);
        }
    }

    private void startReader(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    try {
                        LinkMessage message = LinkCodec.decode(line);
                        // Kept, not queued: one arrives every second, and only the latest is of use.
                        if (message instanceof LinkMessage.Telemetry telemetry) {
                            latestJvmSnapshot.set(telemetry.snapshot());
                        } else {
                            inbox.add(new Received(message));
                        }
                    } catch (IllegalArgumentException e) {
                        inbox.add(new Garbled(e.getMessage()));
                    }
                }
            } catch (IOException e) {
                // A reset link is a closed link: the child is gone either way.
            }
            inbox.add(new Closed());
        }, "allocbench-link-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private ForkException failure(String what, Integer exitCode, Throwable cause) {
        List<String> tail = logTail(LOG_TAIL_LINES);
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
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Whether the server's process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's exit code once it has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The file that holds the server's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the server's log. */
    public List<String> logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    /**
     * Stops the server: {@code STOP}, then after the stop grace SIGTERM to the process and its descendants, then after
     * the term grace SIGKILL. Calling it again returns the first outcome.
     */
    public synchronized StopOutcome stop() {
        if (stopOutcome != null) {
            return stopOutcome;
        }
        if (!process.isAlive()) {
            return stopOutcome = StopOutcome.ALREADY_EXITED;
        }
        if (send(new LinkMessage.Stop()) && awaitExit(timeouts.stopGrace()) != null) {
            return stopOutcome = StopOutcome.STOPPED;
        }
        // Collected while the process lives: once it is gone its children are re-parented and cannot be found.
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (awaitExit(timeouts.termGrace()) != null) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            return stopOutcome = StopOutcome.TERMINATED;
        }
        killTree(process);
        awaitExit(timeouts.termGrace());
        return stopOutcome = StopOutcome.KILLED;
    }

    /** Stops the server if it still runs (see {@link #stop()}) and releases the link; never leaves the process. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (process.isAlive()) {
                killTree(process);
                awaitExit(timeouts.termGrace());
            }
            if (link != null) {
                try {
                    link.close();
                } catch (IOException ignored) {
                    // Nothing more to release.
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it kills the same process.
            }
        }
    }

    private synchronized boolean send(LinkMessage message) {
        if (out == null) {
            return false;
        }
        try {
            out.write(LinkCodec.encode(message) + "\n");
            out.flush();
            return true;
        } catch (IOException e) {
            // A child that closed its end cannot be asked; the signals that follow still reach it.
            return false;
        }
    }

    private Integer awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return process.isAlive() ? null : process.exitValue();
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private sealed interface Inbound {
    }

    private record Received(LinkMessage message) implements Inbound {
    }

    private record Garbled(String problem) implements Inbound {
    }

    private record Closed() implements Inbound {
    }
}
