package io.github.allocbench.fork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reaper of both forks, on plain shell processes: escalation, the whole tree, the log. */
class ChildProcessTest {

    private static final Duration GRACE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aTreeThatIgnoresStopAndSigtermIsKilledDescendantsIncluded() throws Exception {
        Path log = dir.resolve("logs/stubborn.log");
        ChildProcess child = ChildProcess.start(List.of("sh", "-c",
                "trap '' TERM; echo started; sleep 300 & wait"), System.getenv(), log, GRACE);
        awaitLine(log, "started");
        ProcessHandle descendant = awaitDescendant(child);

        StopOutcome outcome = child.stop(() -> false, GRACE);
        child.close();

        assertThat(outcome).isEqualTo(StopOutcome.KILLED);
        assertThat(child.stop(() -> true, GRACE)).as("the first outcome, again").isEqualTo(StopOutcome.KILLED);
        descendant.onExit().get(30, TimeUnit.SECONDS);
        assertThat(descendant.isAlive()).isFalse();
        assertThat(child.exitCode()).hasValue(137);
        assertThat(child.logTail(5)).containsExactly("started");
    }

    @Test
    @Timeout(60)
    void aChildThatHeedsTheRequestStopsCleanly() throws Exception {
        Path log = dir.resolve("polite.log");
        Path stopFile = dir.resolve("stop");
        ChildProcess child = ChildProcess.start(List.of("sh", "-c",
                "while [ ! -e " + stopFile + " ]; do sleep 0.05; done; echo bye"), System.getenv(), log, GRACE);

        StopOutcome outcome = child.stop(() -> {
            try {
                Files.writeString(stopFile, "");
                return true;
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(30));
        child.close();

        assertThat(outcome).isEqualTo(StopOutcome.STOPPED);
        assertThat(child.exitCode()).hasValue(0);
        assertThat(child.logTail(5)).containsExactly("bye");
    }

    private static void awaitLine(Path log, String line) throws InterruptedException {
        while (!LogTail.of(log, 5).contains(line)) {
            Thread.sleep(20);
        }
    }

    private static ProcessHandle awaitDescendant(ChildProcess child) throws InterruptedException {
        while (true) {
            var found = ProcessHandle.of(child.pid()).orElseThrow().descendants().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
    }
}
