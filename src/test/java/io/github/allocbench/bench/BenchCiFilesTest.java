package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bench writes the CI files beside results.json and, in a GitHub Actions job, appends summary.md to the job summary
 * once, though it writes its outputs after every run.
 */
class BenchCiFilesTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<String> logged = log.lines();

    @Test
    void writesTheCiFilesAndAppendsTheSummaryToTheJobSummaryOnce() throws Exception {
        Path out = dir.resolve("out");
        Path job = Files.writeString(dir.resolve("step_summary"), "### Earlier step\n");
        BenchConfig config = BenchConfig.builder()
                .handler(null)
                .allocators(List.of("system"))
                .customAllocators(List.of())
                .connections(20)
                .duration(Duration.ofSeconds(1))
                .idle(Duration.ofMillis(300))
                .cooldown(Duration.ofMillis(300))
                .trials(2)
                .sampleInterval(Duration.ofMillis(100))
                .startupTimeout(Duration.ofSeconds(60))
                .jvmArgs(List.of("-Xmx64m", "-XX:+UseSerialGC"))
                .classpath(List.of(System.getProperty("java.class.path").split(":")))
                .outputDirectory(out)
                .loadWarmup(Duration.ZERO)
                .settle(Duration.ZERO)
                .build();
        BenchSite site = new BenchSite("ci", null, Duration.ofMinutes(5), dir, null,
                Map.of("GITHUB_STEP_SUMMARY", job.toString())::get);

        new Bench(config, "test", log, site).run();

        assertThat(out.resolve("TEST-allocator-bench.xml")).content().contains("name=\"run #2\"");
        assertThat(out.resolve("benchmark-smaller.json")).content().contains("\"system peakNativeRss\"");
        assertThat(out.resolve("benchmark-bigger.json")).content().contains("\"system requestsPerSecond\"");
        assertThat(job).hasContent("### Earlier step\n\n" + Files.readString(out.resolve("summary.md")));
        assertThat(logged).containsOnlyOnce("INFO Appended summary.md to the job summary GITHUB_STEP_SUMMARY="
                + job);
    }
}
