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
        BenchConfig config = BenchTest.small().allocators(List.of("system")).trials(2).outputDirectory(out).build();
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
