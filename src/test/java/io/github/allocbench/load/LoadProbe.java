package io.github.allocbench.load;

import io.github.allocbench.result.LoadResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A hand-run probe of the generator at scale, not a unit test. In one JVM: {@code server <port> <threads>} starts
 * the JSON server and waits; in another: {@code load <port> <connections> <seconds> [runs]} drives it (the
 * first runs warm the JIT up) and prints the ramp, each second, each result and this JVM's peak RSS.
 */
public final class LoadProbe {

    private LoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("server")) {
            try (JsonServer server = JsonServer.start(Integer.parseInt(args[2]), 200, Integer.parseInt(args[1]))) {
                System.out.println("listening on 127.0.0.1:" + server.port());
                Thread.currentThread().join();
            }
        } else if ((args.length == 4 || args.length == 5) && args[0].equals("load")) {
            LoadSettings settings = new LoadSettings("127.0.0.1", Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), Duration.ofSeconds(Integer.parseInt(args[3])), "/");
            int runs = args.length == 5 ? Integer.parseInt(args[4]) : 1;
            for (int run = 1; run <= runs; run++) {
                System.out.println("run " + run);
                load(settings);
            }
            Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM") || line.startsWith("Threads"))
                    .forEach(System.out::println);
        } else {
            System.err.println("usage: server <port> <threads> | load <port> <connections> <seconds> [runs]");
            System.exit(2);
        }
    }

    private static void load(LoadSettings settings) throws InterruptedException {
        long start = System.nanoTime();
        LoadResult result = new LoadGenerator(settings).run(new LoadListener() {
            @Override
            public void rampFinished(int connectionsOpened, long rampMs) {
                System.out.printf("ramp: %d open in %d ms (at %d ms)%n", connectionsOpened, rampMs,
                        (System.nanoTime() - start) / 1_000_000);
            }

            @Override
            public void second(int second, long responses, int openConnections) {
                System.out.printf("second %2d: %6d responses, %d open (at %d ms)%n", second, responses, openConnections,
                        (System.nanoTime() - start) / 1_000_000);
            }
        });
        System.out.println(result);
        System.out.printf("run took %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
}
