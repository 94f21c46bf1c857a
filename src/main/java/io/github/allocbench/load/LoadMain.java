package io.github.allocbench.load;

import io.github.allocbench.bench.HumanDuration;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the load generator once from the command line, in a JVM of its own, and prints the result as one line of
 * {@code key=value} pairs for scripts such as {@code benchmarks/loadgen-vs-peers.sh}:
 * {@code allocbench-load connections=10000 held=10000 rampMs=2100 requests=... rps=... errors=... p50Ms=... p99Ms=...
 * maxMs=... cpuSeconds=... rssKb=...}. Arguments: {@code --port N [--host 127.0.0.1] [--connections 10000]
 * [--duration 10s] [--rate 0] [--sources 0] [--warmup 0s]}; a warm-up is an unmeasured run before
 * the measured one, in the same JVM.
 */
public final class LoadMain {

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        int connections = 10_000;
        Duration duration = Duration.ofSeconds(10);
        double rate = 0;
        int sources = 0;
        Duration warmup = Duration.ZERO;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--duration" -> duration = HumanDuration.parse("--duration", value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--sources" -> sources = Integer.parseInt(value);
                case "--warmup" -> warmup = HumanDuration.parse("--warmup", value);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (port == 0 || args.length % 2 != 0) {
            usage("--port is missing or an argument has no value");
        }
        LoadSettings settings = new LoadSettings(host, port, connections, duration, "/")
                .withRate(rate).withSourceAddresses(sources);
        if (!warmup.isZero()) {
            // An unmeasured pass first, so the measured one runs compiled code, as in a bench's later runs.
            new LoadGenerator(new LoadSettings(host, port, connections, warmup, "/").withRate(rate)
                    .withSourceAddresses(sources)).run(LoadListener.NONE);
        }
        AtomicInteger held = new AtomicInteger();
        LoadResult result = new LoadGenerator(settings).run(new LoadListener() {
            @Override
            public void rampFinished(int connectionsOpened, long rampMs) {
                held.set(connectionsOpened);
            }

            @Override
            public void second(int second, long responses, int openConnections) {
                held.set(openConnections);
            }
        });
        System.out.println(String.format(Locale.ROOT, "allocbench-load connections=%d opened=%d held=%d rampMs=%d "
                        + "requests=%d rps=%.0f errors=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f cpuSeconds=%.2f rssKb=%d "
                        + "sources=%d errorsByCause=%s",
                connections, result.connectionsOpened(), held.get(), result.rampMs(), result.requests(),
                result.requestsPerSecond(), result.errors(), result.latencyMs().p50(), result.latencyMs().p99(),
                result.latencyMs().max(), result.generatorCpuSeconds(), result.generatorRssKb(),
                result.sourceAddresses(), result.errorsByCause().toString().replace(' ', '_')));
    }

    private static void usage(String problem) {
        System.err.println(problem + "; usage: LoadMain --port N [--host 127.0.0.1] [--connections 10000] "
                + "[--duration 10s] [--rate 0] [--sources 0] [--warmup 0s]");
        System.exit(2);
    }
}
