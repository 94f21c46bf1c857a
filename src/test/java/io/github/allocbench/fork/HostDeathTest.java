package io.github.allocbench.fork;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host that is interrupted (Ctrl-C, SIGTERM) or killed (kill -9 of Maven, a cancelled CI job) must not leave its
 * forked server behind: the shutdown hook stops it in the first case, the closed link in the second.
 */
class HostDeathTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "host ended with {0}")
    @ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void theForkedServerEndsWhenItsHostEnds(String signal) throws Exception {
        Process host = new ProcessBuilder(List.of(ForkCommand.runningJava().toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), DyingHost.class.getName(), dir.toString()))
                .redirectErrorStream(true).start();
        long forkPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder printed = new StringBuilder();
            String line;
            do {
                line = out.readLine();
                printed.append(line).append('\n');
            } while (line != null && !line.startsWith("FORK "));
            assertThat(line).as("the host printed its fork's pid; it printed:%n%s", printed).isNotNull();
            forkPid = Long.parseLong(line.substring(5).trim());
            Optional<ProcessHandle> fork = ProcessHandle.of(forkPid);
            assertThat(fork).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            if (signal.equals("SIGKILL")) {
                host.destroyForcibly();
            } else {
                host.destroy();
            }
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();

            boolean ended = fork.get().onExit().thenApply(p -> true)
                    .completeOnTimeout(false, 60, TimeUnit.SECONDS).get();
            assertThat(ended).as("fork %d ended within 60 s of its host's %s", forkPid, signal).isTrue();
        } finally {
            host.destroyForcibly();
        }
    }
}
