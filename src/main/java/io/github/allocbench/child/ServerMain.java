package io.github.allocbench.child;

import io.github.allocbench.fork.ChildLink;
import io.github.allocbench.fork.LinkMessage;
import io.github.allocbench.fork.ServerArgs;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of the forked JVM: connects back to the host's link, creates the project's {@link Handler}, serves
 * it with Jetty on 127.0.0.1 at a free port and reports {@code READY} (or {@code FAILED} with the reason), then its
 * JVM's own memory view as {@code TELEMETRY} every {@link #TELEMETRY_PERIOD_MILLIS} ms. It stops on
 * {@code STOP} and halts when the link closes, because a closed link means the host is gone and nobody will ever stop
 * this server otherwise. It uses only Jetty's server and the JDK, since it runs on the project's classpath.
 */
public final class ServerMain {

    /** The exit code when the server could not start; the reason went to the host as {@code FAILED}. */
    public static final int EXIT_FAILED = 1;
    /** The exit code when the arguments are wrong or the host could not be reached. */
    public static final int EXIT_USAGE = 2;
    /** The exit code when the link closed without a {@code STOP}. */
    public static final int EXIT_HOST_GONE = 3;

    // Accepts a burst of thousands of connects: the JDK turns Jetty's default of 0 into a backlog of 50.
    private static final int ACCEPT_QUEUE_SIZE = 4096;
    private static final long HOST_GONE_STOP_MILLIS = 1_000;
    /**
     * The telemetry period: the host samples /proc every 250 ms by default, and heap, buffer pools and NMT move
     * slower than that; each report costs the server about 0.1 ms for NMT and a few microseconds for the MXBeans.
     */
    static final long TELEMETRY_PERIOD_MILLIS = 1_000;

    private final ChildLink link;
    private volatile Server server;
    private JvmTelemetry jvm;

    private ServerMain(ChildLink link) {
        this.link = link;
    }

    /** Runs the forked server; see {@link ServerArgs} for the arguments. */
    public static void main(String[] args) {
        ServerArgs parsed;
        ServerMain fork;
        try {
            parsed = ServerArgs.parse(args);
            fork = new ServerMain(ChildLink.connect(parsed.linkPort()));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("[allocbench] Cannot start the forked server: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        fork.run(parsed);
    }

    private void run(ServerArgs args) {
        // Listen before the handler is created, so that a constructor that never returns still dies with the host.
        link.listen(this::onMessage, this::hostGone);
        int port;
        try {
            port = serve(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), e.getCause());
            return;
        } catch (Exception | LinkageError | VirtualMachineError e) {
            // Errors too: left uncaught they end only this thread, and the host would wait out its whole timeout.
            fail("Jetty did not start: " + e + ". If it says 'Insufficient configured threads', raise the"
                    + " server's threads.", e);
            return;
        }
        long pid = ProcessHandle.current().pid();
        System.out.println("[allocbench] Jetty serves " + args.handlerToLoad()
                + " at 127.0.0.1:" + port + " with " + args.threads() + " threads (pid " + pid + ")");
        send(new LinkMessage.Ready(port, pid));
        startTelemetry();
    }

    private void startTelemetry() {
        ScheduledExecutorService telemetry = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "allocbench-telemetry");
            t.setDaemon(true);
            return t;
        });
        telemetry.scheduleAtFixedRate(() -> {
            try {
                // Created on the telemetry thread: the platform MBean server starts up there, not before READY.
                if (jvm == null) {
                    jvm = new JvmTelemetry();
                }
                send(new LinkMessage.Telemetry(jvm.read()));
            } catch (RuntimeException e) {
                // Thrown out of the task it would cancel all later reports; one missed report is harmless.
                System.err.println("[allocbench] Could not read the JVM's telemetry: " + e);
            }
        }, 0, TELEMETRY_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private int serve(ServerArgs args) throws Exception {
        // Said before each step, so that the log of a server that hangs at start-up shows where.
        System.out.println("[allocbench] Creating handler " + args.handlerToLoad());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Handler handler = HandlerLoader.load(args.handlerToLoad(),
                loader != null ? loader : ClassLoader.getSystemClassLoader());
        // min = max: glibc creates arenas per thread, so a pool that grew differently per run would skew its RSS.
        QueuedThreadPool pool = new QueuedThreadPool(args.threads(), args.threads());
        pool.setName("allocbench-server");
        Server jetty = new Server(pool);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        jetty.addConnector(connector);
        jetty.setHandler(handler);
        server = jetty;
        System.out.println("[allocbench] Starting Jetty " + Server.getVersion());
        jetty.start();
        return connector.getLocalPort();
    }

    private void onMessage(LinkMessage message) {
        if (message instanceof LinkMessage.Stop) {
            stopOnRequest();
        } else if (message instanceof LinkMessage.Trim) {
            // Off the link's reading thread, so that a STOP is still read while glibc walks its arenas.
            Thread trim = new Thread(() -> send(new LinkMessage.Trimmed(JvmTelemetry.trimNativeHeap())),
                    "allocbench-trim");
            trim.setDaemon(true);
            trim.start();
        } else {
            System.err.println("[allocbench] Ignoring unexpected link message " + message);
        }
    }

    private void stopOnRequest() {
        System.out.println("[allocbench] STOP received, stopping Jetty");
        Server jetty = server;
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception e) {
                System.err.println("[allocbench] Jetty did not stop cleanly: " + e);
            }
        }
        send(new LinkMessage.Bye());
        System.exit(0);
    }

    private void hostGone() {
        System.err.println("[allocbench] The link to the host closed without STOP: the host is gone, exiting.");
        Server jetty = server;
        if (jetty != null) {
            Thread stopper = new Thread(() -> {
                try {
                    jetty.stop();
                } catch (Exception e) {
                    System.err.println("[allocbench] Jetty did not stop cleanly: " + e);
                }
            }, "allocbench-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(HOST_GONE_STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // halt, not exit: a shutdown hook of the handler must not keep an orphaned server alive.
        Runtime.getRuntime().halt(EXIT_HOST_GONE);
    }

    private void fail(String reason, Throwable cause) {
        System.err.println("[allocbench] FAILED: " + reason);
        if (cause != null) {
            cause.printStackTrace();
        }
        send(new LinkMessage.Failed(reason));
        System.exit(EXIT_FAILED);
    }

    private void send(LinkMessage message) {
        link.send(message);
    }
}
