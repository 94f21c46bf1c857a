package io.github.allocbench.load;

import io.github.allocbench.fork.ChildProcess;
import io.github.allocbench.fork.CpuAffinity;
import io.github.allocbench.fork.ExitStatus;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.HostLink;
import io.github.allocbench.fork.LinkMessage;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.units.CpuList;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The load generator in a JVM of its own, so that its heap, garbage and threads are neither in Maven's JVM (whose
 * memory would grow run after run) nor in the server's. The child is {@code LoadMain} linked to the host over the
 * same link and codec as the forked server ({@link HostLink}): it connects back, waits for {@code TARGET} to name the
 * server's port (so that it can boot while the server starts), runs the unmeasured warm-up, says {@code WARM} and
 * waits; {@link #run(LoadListener)} sends {@code GO} and relays its {@code RAMP} and {@code SECOND}
 * messages to the listener until its {@code RESULT} arrives. Its stdout and stderr go to its log file only. The child
 * exits when the link closes, so it ends with this handle and with the JVM holding it, even one killed with SIGKILL;
 * {@link #close()} and a shutdown hook ({@link ChildProcess}) kill its process tree if it does not.
 */
public final class LoadFork implements AutoCloseable {

    /** How long the child's JVM may take to start before it counts as failed. */
    private static final Duration START_SLACK = Duration.ofSeconds(60);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 50;

    private final ChildProcess process;
    private final HostLink link;
    private final LoadSettings settings;
    private final Duration warmup;
    private final int warmupConnections;
    /** When the child must have connected to the link, from {@link System#nanoTime()}. */
    private final long connectDeadline;

    private LoadFork(ChildProcess process, HostLink link, LoadSettings settings, Duration warmup,
                     int warmupConnections, long connectDeadline) {
        this.process = process;
        this.connectDeadline = connectDeadline;
        this.link = link;
        this.settings = settings;
        this.warmup = warmup;
        this.warmupConnections = warmupConnections;
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
     * Starts the generator's JVM against the server on {@code settings.port()} and has it run the warm-up, if any.
     *
     * @throws LoadException when the files cannot be written, the JVM cannot be started or it does not connect back
     * @see #spawn
     */
    public static LoadFork start(Path java, List<String> jvmOptions, List<Path> classpath, LoadSettings settings,
                                 Duration warmup, int warmupConnections, Path logFile, CpuList cpus)
            throws LoadException {
        LoadFork fork = spawn(java, jvmOptions, classpath, settings, warmup, warmupConnections, logFile, cpus);
        fork.target(settings.port());
        return fork;
    }

    /**
     * Starts the generator's JVM without waiting for it, so that it boots while the server starts; it waits for
     * {@link #target(int)} to name the server's port, then runs the warm-up, if any.
     *
     * @param java              the {@code java} executable
     * @param jvmOptions        the child's JVM options, e.g. {@link #defaultJvmOptions(int)}
     * @param classpath         the plugin's own classes and dependencies (not the project's)
     * @param settings          the measured load; its port is not used, {@link #target(int)} names it
     * @param warmup            the unmeasured load before it; zero for none
     * @param warmupConnections connections of the warm-up
     * @param logFile           where the child's stdout and stderr go; its argument and request files lie beside it
     * @param cpus              the CPUs to pin the child to with {@code taskset -c} ({@link CpuAffinity}), or
     *                          {@code null} to not pin it
     * @throws LoadException when the files cannot be written or the JVM cannot be started
     */
    public static LoadFork spawn(Path java, List<String> jvmOptions, List<Path> classpath, LoadSettings settings,
                                 Duration warmup, int warmupConnections, Path logFile, CpuList cpus)
            throws LoadException {
        long deadline = System.nanoTime() + START_SLACK.toNanos();
        Path argFile = sibling(logFile, ".args");
        Path requestFile = sibling(logFile, ".request.json");
        try {
            Path dir = logFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(argFile, ForkCommand.classpathArgFile(classpath));
            Files.writeString(requestFile, LoadWire.JSON.writeValueAsString(settings.request()));
        } catch (IOException e) {
            throw new LoadException("Could not write " + e.getMessage() + " for the load generator's JVM. Check "
                    + "that the output directory is writable.", e);
        }
        HostLink link;
        try {
            link = HostLink.listen();
        } catch (IOException e) {
            throw new LoadException("Could not open the link port on 127.0.0.1 for the load generator: "
                    + e.getMessage() + ". It needs a free local port.", e);
        }
        List<String> command = new ArrayList<>(CpuAffinity.prefix(cpus));
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("@" + argFile);
        command.add(LoadArgs.MAIN_CLASS);
        command.addAll(LoadArgs.linked(link.port(), settings, warmup, warmupConnections, requestFile).toList());
        Map<String, String> environment = new HashMap<>(System.getenv());
        // A preload meant for the server must not swap the generator's allocator.
        environment.remove("LD_PRELOAD");
        ChildProcess process;
        try {
            process = ChildProcess.start(command, environment, logFile, EXIT_GRACE);
        } catch (IOException e) {
            link.close();
            throw new LoadException("Could not start the load generator's JVM (" + String.join(" ",
                    command.subList(0, CpuAffinity.prefix(cpus).size() + 1)) + "): " + e.getMessage(), e);
        }
        return new LoadFork(process, link, settings, warmup, warmupConnections, deadline);
    }

    /**
     * Waits for the JVM to connect to the link, at most a minute after it was started, and names the server's
     * {@code port}; the generator then runs its warm-up. A generator that fails here is stopped.
     *
     * @throws LoadException when it exited or did not connect in time
     */
    public void target(int port) throws LoadException {
        try {
            if (!link.accept(process, connectDeadline, message -> false)) {
                throw failure(process.isAlive() ? "did not connect to the link within " + START_SLACK.toSeconds()
                        + " s and was killed" : exited("connecting to the link"));
            }
            link.send(new LinkMessage.Target(port));
        } catch (IOException e) {
            close();
            throw failure("broke the link while connecting (" + e.getMessage() + ")");
        } catch (LoadException | RuntimeException | Error e) {
            close();
            throw e;
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
        LinkMessage.Warm warm = await(LinkMessage.Warm.class, deadline, LoadListener.NONE);
        return warm.resultJson() == null ? null : parse(warm.resultJson());
    }

    /**
     * Runs the measured load and returns its result; the listener hears of the ramp's end and of every second.
     *
     * @throws LoadException when the child failed or did not report in time
     */
    public LoadResult run(LoadListener listener) throws LoadException, InterruptedException {
        // Not checked: a child that cannot hear it has closed the link, which the wait below reports with its exit.
        link.send(new LinkMessage.Go());
        long deadline = System.nanoTime() + START_SLACK.toNanos() + LoadGenerator.longestRun(settings).toNanos();
        return parse(await(LinkMessage.Result.class, deadline, listener).resultJson());
    }

    /** Ends the child: the link closes, which makes it exit; its tree is killed if it has not after 5 s. */
    @Override
    public void close() {
        try {
            process.stop(() -> {
                link.close();
                return true;
            }, EXIT_GRACE);
        } finally {
            try {
                process.close();
            } finally {
                link.close();
            }
        }
    }

    /** Waits for a message of type {@code expected}, passing ramp and second messages to the listener. */
    private <T extends LinkMessage> T await(Class<T> expected, long deadline, LoadListener listener)
            throws LoadException, InterruptedException {
        String name = expected.getSimpleName().toLowerCase(Locale.ROOT);
        while (true) {
            HostLink.Event event = link.poll(POLL_MILLIS);
            if (event == null) {
                if (System.nanoTime() - deadline > 0) {
                    process.killTree();
                    throw failure("did not report '" + name + "' in time and was killed");
                }
            } else if (event instanceof HostLink.Closed) {
                throw failure(exited("reporting '" + name + "'"));
            } else if (event instanceof HostLink.Garbled garbled) {
                throw failure("sent what is not a message of the link: " + garbled.problem());
            } else {
                LinkMessage message = ((HostLink.Received) event).message();
                if (message instanceof LinkMessage.Failed failed) {
                    throw new LoadException("The load generator failed: " + failed.reason());
                } else if (message instanceof LinkMessage.Ramp ramp) {
                    listener.rampFinished(ramp.connectionsOpened(), ramp.rampMs());
                } else if (message instanceof LinkMessage.Second second) {
                    listener.second(second.second(), second.responses(), second.openConnections());
                } else if (expected.isInstance(message)) {
                    return expected.cast(message);
                }
            }
        }
    }

    /** The failure of a child whose link closed before {@code during} was done, with its exit status. */
    private String exited(String during) {
        Integer code = process.awaitExit(EXIT_GRACE);
        return "exited with " + ExitStatus.describe(code) + " before " + during;
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
                + process.logFile() + ":\n  "
                + String.join("\n  ", process.logTail(ChildProcess.LOG_TAIL_LINES)));
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
