package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchLockTest {

    @TempDir
    Path dir;

    private BenchLock.Owner owner(String project) {
        return new BenchLock.Owner(ProcessHandle.current().pid(), project, dir.resolve(project), Instant.now());
    }

    @Test
    void theHolderIsWrittenIntoTheLockFile() throws Exception {
        try (BenchLock lock = BenchLock.acquire(dir, owner("first"), Duration.ofSeconds(5), m -> { })) {
            assertThat(lock.waitedFor()).isEmpty();
            assertThat(Files.readString(dir.resolve(BenchLock.FILE_NAME)))
                    .contains("pid=" + ProcessHandle.current().pid()).contains("project=first");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(BenchLock.FILE_NAME))))
                    .isEqualTo("rw-rw-rw-");
        }
    }

    @Test
    void aSecondBenchWaitsNamingTheFirstAndRunsWhenItEnds() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        StringBuilder message = new StringBuilder();
        BenchLock first = BenchLock.acquire(dir, owner("first"), Duration.ofSeconds(5), m -> { });
        CompletableFuture<BenchLock> second = CompletableFuture.supplyAsync(() -> {
            try {
                return BenchLock.acquire(dir, owner("second"), Duration.ofMinutes(2), m -> {
                    message.append(m);
                    told.countDown();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(told.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second).isNotDone();
        assertThat(message.toString()).startsWith("Waiting for another bench (pid " + ProcessHandle.current().pid()
                + ", project first, writing to " + dir.resolve("first") + ", since ").contains("(lockTimeout)");

        first.close();
        try (BenchLock lock = second.get(60, TimeUnit.SECONDS)) {
            assertThat(lock.waitedFor()).extracting(BenchLock.Owner::project).containsExactly("first");
            assertThat(Files.readString(dir.resolve(BenchLock.FILE_NAME))).contains("project=second");
        }
    }

    @Test
    void aBenchThatWaitsTooLongFailsNamingTheHolderAndTheParameter() throws Exception {
        try (BenchLock first = BenchLock.acquire(dir, owner("first"), Duration.ofSeconds(5), m -> { })) {
            assertThatThrownBy(() -> BenchLock.acquire(dir, owner("second"), Duration.ZERO, m -> { }))
                    .isInstanceOf(MachineBusyException.class)
                    .hasMessageStartingWith("Another bench still holds the machine's bench lock "
                            + dir.resolve(BenchLock.FILE_NAME))
                    .hasMessageContaining("project first")
                    .hasMessageContaining("raise <lockTimeout> (-Dallocbench.lockTimeout, e.g. 60m)");
        }
        try (BenchLock again = BenchLock.acquire(dir, owner("third"), Duration.ZERO, m -> { })) {
            assertThat(again.waitedFor()).isEmpty();
        }
    }
}
