package io.github.allocbench.child;

import io.github.allocbench.fork.ForkCommand;
import io.github.allocbench.fork.ForkFixture;
import io.github.allocbench.fork.HelloHandler;
import io.github.allocbench.fork.LinkCodec;
import io.github.allocbench.fork.LinkMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The child side of the link, driven by a hand-written host. */
class ServerMainTest {

    @TempDir
    Path tmp;

    @Test
    void exitsAtOnceWhenTheHostGoesAway() throws Exception {
        ForkCommand cmd = ForkFixture.command(tmp, ForkFixture.SYSTEM, HelloHandler.class).build();
        cmd.writeArgFile();
        Process child = null;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Bounds only stop a hung test: a JVM starts and stops slowly on a loaded 2-core machine.
            listener.setSoTimeout(60_000);
            child = new ProcessBuilder(cmd.arguments(listener.getLocalPort()))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
            try (Socket link = listener.accept()) {
                String line = new BufferedReader(new InputStreamReader(link.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertThat(LinkCodec.decode(line)).isEqualTo(new LinkMessage.Ready(
                        ((LinkMessage.Ready) LinkCodec.decode(line)).port(), child.pid()));
            }

            // On its own, as its exit code shows, not killed: how soon is this machine's speed.
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited after the link closed").isTrue();
            assertThat(child.exitValue()).isEqualTo(ServerMain.EXIT_HOST_GONE);
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
