package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskSpaceTest {

    @TempDir
    Path dir;

    private BenchConfig config(Path out) {
        return base()
                .jvmArgs(List.of("-Xmx64m"))
                .classpath(List.of(System.getProperty("java.class.path").split(":")))
                .outputDirectory(out).build();
    }

    @Test
    void theEstimateGrowsWithRunsConnectionsAndSamples() {
        BenchConfig small = config(dir);
        BenchConfig moreRuns = base()
                .allocators(List.of("system", "glibc-arena2"))
                .trials(3)
                .jvmArgs(List.of())
                .classpath(List.of())
                .outputDirectory(dir).build();
        BenchConfig finer = base()
                .sampleInterval(Duration.ofMillis(50))
                .jvmArgs(List.of())
                .classpath(List.of())
                .outputDirectory(dir).build();

        assertThat(DiskSpace.estimate(moreRuns) - DiskSpace.FIXED_BYTES)
                .isEqualTo(6 * (DiskSpace.estimate(small) - DiskSpace.FIXED_BYTES));
        assertThat(DiskSpace.estimate(finer)).isGreaterThan(DiskSpace.estimate(small));
    }

    @Test
    void roomEnoughPassesAndLittleMoreThanNeededWarns() throws IOException {
        long needed = DiskSpace.estimate(config(dir));

        assertThat(DiskSpace.check(dir, config(dir), d -> needed * 100).tight()).isFalse();
        DiskSpace.Check tight = DiskSpace.check(dir, config(dir), d -> needed + 1);
        assertThat(tight.tight()).isTrue();
        assertThat(tight.neededBytes()).isEqualTo(needed);
    }

    @Test
    void aNearlyFullDiskFailsTheBenchBeforeItsFirstRunWithThePathAndTheSpaceNeeded() throws Exception {
        Path out = dir.resolve("out");
        List<String> logged = new ArrayList<>();
        BenchLog log = new BenchLog() {
            @Override
            public void info(String message) {
                logged.add(message);
            }

            @Override
            public void warn(String message) {
                logged.add(message);
            }
        };
        BenchSite site = new BenchSite("full-disk", null, Duration.ofMinutes(1), dir, d -> 128 * 1024);

        assertThatThrownBy(() -> new Bench(config(out), "test", log, site).run())
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the output directory " + out.toAbsolutePath() + " has 128 KiB free, but "
                        + "this bench needs about ")
                .hasMessageContaining("1 run(s) of 100 connections")
                .hasMessageContaining("set <outputDirectory>");
        assertThat(logged).noneMatch(line -> line.contains("server pid"));
        assertThat(Files.exists(out.resolve("results.json"))).isFalse();
    }

    /** A small plan; each test sets what it is about. */
    private static BenchConfig.Builder base() {
        return BenchConfig.builder().allocators(List.of("system")).connections(100).duration(Duration.ofSeconds(2))
                .idle(Duration.ofMillis(500)).cooldown(Duration.ofSeconds(1)).sampleInterval(Duration.ofMillis(250))
                .loadWarmup(Duration.ZERO).settle(Duration.ZERO);
    }
}
