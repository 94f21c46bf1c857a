package io.github.allocbench.fork;

import java.nio.file.Path;

/**
 * A stand-in for the Maven JVM: starts one forked server, prints its pid, then waits to be killed. Run by
 * {@link HostDeathTest} as its own process, so that the test can kill it with SIGKILL as a user or CI would.
 */
public final class DyingHost {

    private DyingHost() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ServerFork fork = ServerFork.start(ForkFixture.command(dir, ForkFixture.SYSTEM, HelloHandler.class).build(),
                dir.resolve("server.log"));
        System.out.println("FORK " + fork.pid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
