package io.github.allocbench.load;

import io.github.allocbench.allocator.AllocatorCatalog;
import io.github.allocbench.allocator.Resolution;
import io.github.allocbench.bench.BenchConfig;
import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.ForkException;
import io.github.allocbench.fork.ServerFork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one forked server outside Maven, exactly as a bench run does (same fork, handshake, allocator preload and
 * built-in handler), prints {@code allocbench-server port=<port> pid=<pid>} and keeps it up until this JVM is ended
 * (SIGTERM or SIGINT stop the server through the fork's shutdown hook; a SIGKILL closes the link, on which the server
 * halts). For benchmark scripts that drive one server with several load generators, such as
 * {@code benchmarks/loadgen-vs-peers.sh}. Arguments: {@code <allocator> <log file> [jvm option ...]}; the server's
 * class path is this JVM's, and the system property {@code allocbench.handler} names another handler class than the
 * built-in one (e.g. {@link CountingJsonHandler}).
 */
public final class StandaloneServer {

    private StandaloneServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StandaloneServer <allocator> <log file> [jvm option ...]");
            System.exit(2);
        }
        Resolution resolution = new AllocatorCatalog().resolve(args[0]);
        if (!resolution.isAvailable()) {
            System.err.println(((Resolution.Missing) resolution).message());
            System.exit(1);
        }
        Path log = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> jvmOptions = Arrays.asList(args).subList(2, args.length);
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        ForkCommand command = ForkCommand.builder()
                .jvmOptions(jvmOptions)
                .allocator(resolution.allocator())
                .classpath(classpath)
                .argFile(log.resolveSibling(log.getFileName() + ".args"))
                .handler(System.getProperty("allocbench.handler"))
                .defaultHandler(BenchConfig.DEFAULT_HANDLER)
                .build();
        try {
            ServerFork fork = ServerFork.start(command, log);
            System.out.println("allocbench-server port=" + fork.port() + " pid=" + fork.pid());
            System.out.flush();
            new CountDownLatch(1).await();
        } catch (ForkException e) {
            System.err.println("The server did not start: " + e.getMessage());
            System.exit(1);
        }
    }
}
