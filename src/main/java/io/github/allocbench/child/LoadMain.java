package io.github.allocbench.child;

import io.github.allocbench.fork.ChildLink;
import io.github.allocbench.fork.LinkMessage;
import io.github.allocbench.load.LoadArgs;
import io.github.allocbench.load.LoadFork;
import io.github.allocbench.load.LoadGenerator;
import io.github.allocbench.load.LoadListener;
import io.github.allocbench.load.LoadSettings;
import io.github.allocbench.load.LoadWire;
import io.github.allocbench.memory.CpuTimes;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.RequestShape;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator's own JVM: runs an optional unmeasured warm-up and then the measured load against one server.
 * Started by the host ({@link LoadFork}, with {@code --link-port}) it connects back over the link the forked server
 * uses too, waits for {@code TARGET} to name the server's port, says {@code WARM} after the warm-up, waits for
 * {@code GO}, reports {@code RAMP}, one {@code SECOND} a second and {@code RESULT} (or {@code FAILED}), exits, its
 * connections closing with it, and halts as soon as the link closes, so it never outlives the JVM
 * that started it. Started by hand (no link port) it runs at once. Either way it ends with one human line
 * {@code allocbench-load connections=... rps=... rssKb=...} on stdout for scripts such as
 * {@code benchmarks/loadgen-vs-peers.sh}. {@code --print-jvm-options --connections N} prints the JVM options the
 * plugin gives it by default and exits. See {@link LoadArgs} for the arguments.
 */
public final class LoadMain {

    private static final PrintStream OUT = System.out;

    private final ChildLink link;
    /** Set once the result went out: the host closing the link after it is the normal end, not an orphaning. */
    private volatile boolean finished;

    private LoadMain(ChildLink link) {
        this.link = link;
    }

    public static void main(String[] args) {
        LoadArgs arguments;
        ChildLink link = null;
        try {
            arguments = LoadArgs.parse(args);
            if (arguments.isLinked()) {
                link = ChildLink.connect(arguments.linkPort());
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage() + "; " + LoadArgs.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.printJvmOptions()) {
            OUT.println(String.join(" ", LoadFork.defaultJvmOptions(arguments.connections())));
            return;
        }
        LoadMain main = new LoadMain(link);
        CountDownLatch go = new CountDownLatch(link == null ? 0 : 1);
        CompletableFuture<Integer> target = arguments.port() != 0 ? CompletableFuture.completedFuture(arguments.port())
                : new CompletableFuture<>();
        if (link != null) {
            link.listen(message -> {
                if (message instanceof LinkMessage.Target named) {
                    target.complete(named.port());
                } else if (message instanceof LinkMessage.Go) {
                    go.countDown();
                }
            }, main::hostGone);
        }
        if (!target.isDone()) {
            // The server is still starting: meanwhile this JVM loads what its run will need.
            LoadGenerator.preload();
        }
        try {
            System.exit(main.run(arguments, target.get(), go));
        } catch (RuntimeException | IOException e) {
            System.err.println("[allocbench] The load failed: " + e.getMessage());
            main.send(new LinkMessage.Failed(String.valueOf(e.getMessage())));
            System.exit(1);
        } catch (InterruptedException | ExecutionException e) {
            System.exit(1);
        }
    }

    private int run(LoadArgs a, int port, CountDownLatch go) throws IOException, InterruptedException {
        RequestShape request = a.requestFile() == null ? RequestShape.DEFAULT
                : LoadWire.JSON.readValue(Files.readString(a.requestFile()), RequestShape.class);
        LoadSettings settings = new LoadSettings(a.host(), port, a.connections(), a.duration(), "/")
                .withRequest(request).withRate(a.rate()).withSourceAddresses(a.sources()).withSettle(a.settle())
                .withRequestTimeout(a.requestTimeout());
        LoadResult warm = null;
        if (!a.warmup().isZero()) {
            // An unmeasured pass first, so that the measured one runs compiled code. Closed loop: a warm-up at a
            // rate meant for many more connections would be no warm-up at all.
            warm = new LoadGenerator(settings.withConnections(a.warmupConnections())
                    .withDuration(a.warmup()).withRate(0).withSettle(Duration.ZERO)).run(LoadListener.NONE);
        }
        LoadGenerator measured = new LoadGenerator(settings);
        // Its threads start now, before the idle time, so that the ramp begins as soon as the host says GO.
        measured.open();
        send(new LinkMessage.Warm(warm == null ? null : LoadWire.JSON.writeValueAsString(warm)));
        go.await();
        AtomicInteger held = new AtomicInteger();
        AtomicReference<CpuTimes> windowOpened = new AtomicReference<>();
        AtomicReference<CpuTimes> lastSecond = new AtomicReference<>();
        // Its connections close with this JVM, which exits right after the result went out.
        LoadResult result = measured.runUntilExit(new LoadListener() {
            @Override
            public void rampFinished(int connectionsOpened, long rampMs) {
                windowOpened.set(ownCpu());
                held.set(connectionsOpened);
                send(new LinkMessage.Ramp(connectionsOpened, rampMs));
            }

            @Override
            public void second(int second, long responses, int openConnections) {
                lastSecond.set(ownCpu());
                held.set(openConnections);
                send(new LinkMessage.Second(second, responses, openConnections));
            }
        });
        finished = true;
        send(new LinkMessage.Result(LoadWire.JSON.writeValueAsString(result)));
        OUT.println(String.format(Locale.ROOT, "allocbench-load connections=%d opened=%d held=%d rampMs=%d "
                        + "requests=%d rps=%.0f errors=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f cpuSeconds=%.2f rssKb=%d "
                        + "sources=%d errorsByCause=%s windowCpuSeconds=%.2f",
                a.connections(), result.connectionsOpened(), held.get(), result.rampMs(), result.requests(),
                result.requestsPerSecond(), result.errors(), result.latencyMs().p50(), result.latencyMs().p99(),
                result.latencyMs().max(), result.generatorCpuSeconds(), result.generatorRssKb(),
                result.sourceAddresses(), result.errorsByCause().toString().replace(' ', '_'),
                windowCpuSeconds(windowOpened.get(), lastSecond.get(), result.elapsedWindowMs())));
        OUT.flush();
        return 0;
    }

    /** This JVM's CPU time and the machine's clock now, from /proc; {@code null} where they cannot be read. */
    private static CpuTimes ownCpu() {
        try {
            return CpuTimes.read(ProcessHandle.current().pid());
        } catch (IOException | IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * The CPU seconds this JVM used in the measured window alone, read at its edges (the ramp's end and the last
     * second), so that a script can set it against the responses of the window; -1 where /proc could not be read.
     */
    private static double windowCpuSeconds(CpuTimes start, CpuTimes end, long windowMs) {
        if (start == null || end == null || end.machineTicks() <= start.machineTicks()) {
            return -1;
        }
        return end.since(start).processCores() * windowMs / 1000.0;
    }

    /** Sends {@code message} to the host; a standalone run has nobody to tell. */
    private void send(LinkMessage message) {
        if (link != null) {
            link.send(message);
        }
    }

    private void hostGone() {
        if (finished) {
            return;
        }
        System.err.println("[allocbench] The link to the host closed: the host is gone, exiting.");
        // halt, not exit: nothing of a run whose host is gone is worth a clean shutdown.
        Runtime.getRuntime().halt(LoadWire.ORPHANED);
    }
}
