package io.github.allocbench.child;

import io.github.allocbench.load.LoadFork;
import io.github.allocbench.load.LoadGenerator;
import io.github.allocbench.load.LoadListener;
import io.github.allocbench.load.LoadSettings;
import io.github.allocbench.load.LoadWire;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.units.HumanDuration;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's own JVM: runs an optional unmeasured warm-up and then the measured load against one server,
 * and reports on standard output in lines that start with {@value LoadWire#PREFIX}: {@code warm <json>|none},
 * {@code ramp <opened> <ms>}, {@code second <n> <responses> <open>}, {@code result <json>} or {@code error <text>},
 * and finally one human line {@code allocbench-load connections=... rps=... rssKb=...} for scripts such as
 * {@code benchmarks/loadgen-vs-peers.sh}.
 *
 * <p>Arguments: {@code --port N [--host 127.0.0.1] [--connections 10000] [--duration 10s] [--rate 0] [--sources 0]
 * [--warmup 0s] [--warmup-connections <connections>] [--settle 0s] [--request-timeout 10s] [--request file.json]
 * [--controlled]}. With
 * {@code --controlled} ({@link LoadFork}) it waits for a {@code go} line on standard input between the warm-up and
 * the measured load, and exits as soon as standard input closes, so it never outlives the JVM that started it.
 * {@code --print-jvm-options --connections N} prints the JVM options the plugin gives it by default and exits.
 */
public final class LoadMain {

    private static final PrintStream OUT = System.out;

    private LoadMain() {
    }

    public static void main(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "; usage: LoadMain --port N [--host 127.0.0.1] "
                    + "[--connections 10000] [--duration 10s] [--rate 0] [--sources 0] [--warmup 0s] "
                    + "[--warmup-connections N] [--settle 0s] [--request-timeout 10s] [--request file.json] "
                    + "[--controlled] | --print-jvm-options [--connections N]");
            System.exit(2);
            return;
        }
        if (arguments.printJvmOptions) {
            OUT.println(String.join(" ", LoadFork.defaultJvmOptions(arguments.connections)));
            return;
        }
        CountDownLatch go = new CountDownLatch(arguments.controlled ? 1 : 0);
        if (arguments.controlled) {
            watchStandardInput(go);
        }
        try {
            System.exit(run(arguments, go));
        } catch (RuntimeException | IOException e) {
            emit("error", String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
    }

    private static int run(Arguments a, CountDownLatch go) throws IOException, InterruptedException {
        RequestShape request = a.requestFile == null ? RequestShape.DEFAULT
                : LoadWire.JSON.readValue(Files.readString(a.requestFile), RequestShape.class);
        LoadSettings settings = new LoadSettings(a.host, a.port, a.connections, a.duration, "/")
                .withRequest(request).withRate(a.rate).withSourceAddresses(a.sources).withSettle(a.settle)
                .withRequestTimeout(a.requestTimeout);
        if (a.warmup.isZero()) {
            emit("warm", "none");
        } else {
            // An unmeasured pass first, so that the measured one runs compiled code. Closed loop: a warm-up at a
            // rate meant for many more connections would be no warm-up at all.
            LoadResult warm = new LoadGenerator(settings.withConnections(a.warmupConnections).withDuration(a.warmup)
                    .withRate(0).withSettle(Duration.ZERO)).run(LoadListener.NONE);
            emit("warm", json(warm));
        }
        go.await();
        AtomicInteger held = new AtomicInteger();
        LoadResult result = new LoadGenerator(settings).run(new LoadListener() {
            @Override
            public void rampFinished(int connectionsOpened, long rampMs) {
                held.set(connectionsOpened);
                emit("ramp", connectionsOpened + " " + rampMs);
            }

            @Override
            public void second(int second, long responses, int openConnections) {
                held.set(openConnections);
                emit("second", second + " " + responses + " " + openConnections);
            }
        });
        emit("result", json(result));
        OUT.println(String.format(Locale.ROOT, "allocbench-load connections=%d opened=%d held=%d rampMs=%d "
                        + "requests=%d rps=%.0f errors=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f cpuSeconds=%.2f rssKb=%d "
                        + "sources=%d errorsByCause=%s",
                a.connections, result.connectionsOpened(), held.get(), result.rampMs(), result.requests(),
                result.requestsPerSecond(), result.errors(), result.latencyMs().p50(), result.latencyMs().p99(),
                result.latencyMs().max(), result.generatorCpuSeconds(), result.generatorRssKb(),
                result.sourceAddresses(), result.errorsByCause().toString().replace(' ', '_')));
        OUT.flush();
        return 0;
    }

    /** Counts {@code go} down on a {@code go} line and ends this JVM when standard input closes. */
    private static void watchStandardInput(CountDownLatch go) {
        Thread watcher = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("go")) {
                        go.countDown();
                    }
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as an end of input: nobody is listening any more.
            }
            System.exit(LoadWire.ORPHANED);
        }, "allocbench-load-control");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String json(LoadResult result) throws JsonProcessingException {
        return LoadWire.JSON.writeValueAsString(result);
    }

    private static void emit(String event, String payload) {
        synchronized (OUT) {
            OUT.println(LoadWire.PREFIX + event + " " + payload);
            OUT.flush();
        }
    }

    /** The parsed command line; bad values are refused with the argument's name. */
    static final class Arguments {
        String host = "127.0.0.1";
        int port;
        int connections = 10_000;
        Duration duration = Duration.ofSeconds(10);
        double rate;
        int sources;
        Duration warmup = Duration.ZERO;
        int warmupConnections = -1;
        Duration settle = Duration.ZERO;
        Duration requestTimeout = LoadSettings.DEFAULT_REQUEST_TIMEOUT;
        Path requestFile;
        boolean controlled;
        boolean printJvmOptions;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                switch (name) {
                    case "--controlled" -> a.controlled = true;
                    case "--print-jvm-options" -> a.printJvmOptions = true;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " has no value");
                        }
                        a.set(name, args[++i]);
                    }
                }
            }
            if (a.warmupConnections < 0) {
                a.warmupConnections = a.connections;
            }
            if (a.port == 0 && !a.printJvmOptions) {
                throw new IllegalArgumentException("--port is missing");
            }
            return a;
        }

        private void set(String name, String value) {
            try {
                switch (name) {
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--duration" -> duration = HumanDuration.parse("--duration", value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--sources" -> sources = Integer.parseInt(value);
                    case "--warmup" -> warmup = HumanDuration.parse("--warmup", value);
                    case "--warmup-connections" -> warmupConnections = Integer.parseInt(value);
                    case "--settle" -> settle = HumanDuration.parse("--settle", value);
                    case "--request-timeout" -> requestTimeout = HumanDuration.parse("--request-timeout", value);
                    case "--request" -> requestFile = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown argument " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is '" + value + "', which is not a number", e);
            }
        }
    }
}
