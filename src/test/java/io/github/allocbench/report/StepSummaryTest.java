package io.github.allocbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StepSummaryTest {

    @Test
    void appendsToTheJobSummaryAndKeepsWhatOtherStepsWrote(@TempDir Path dir) throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "## Allocator bench\n\n| a | b |\n");
        Path job = Files.writeString(dir.resolve("step_summary"), "### Tests passed");
        Map<String, String> env = Map.of("GITHUB_STEP_SUMMARY", job.toString());

        assertThat(StepSummary.append(summary, env::get)).contains(job);
        assertThat(StepSummary.append(summary, env::get)).contains(job);

        assertThat(Files.readString(job)).isEqualTo("### Tests passed\n## Allocator bench\n\n| a | b |\n"
                + "\n## Allocator bench\n\n| a | b |\n");
    }

    @Test
    void createsTheJobSummaryWhenNoStepWroteOne(@TempDir Path dir) throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "## Allocator bench");
        Path job = dir.resolve("step_summary");

        assertThat(StepSummary.append(summary, Map.of("GITHUB_STEP_SUMMARY", job.toString())::get)).contains(job);

        assertThat(Files.readString(job)).isEqualTo("## Allocator bench\n");
    }

    @Test
    void doesNothingOutsideGithubActions(@TempDir Path dir) throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "## Allocator bench\n");

        assertThat(StepSummary.append(summary, Map.<String, String>of()::get)).isEmpty();

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(summary);
        }
    }
}
