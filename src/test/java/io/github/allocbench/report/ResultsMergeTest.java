package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ConfigSummary;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.RequestShape;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.units.ConfigurationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsMergeTest {

    @TempDir
    Path dir;

    @Test
    void labelsEachRunBySourceAndComparesItWithItsOwnSystem() throws IOException {
        Path a = write("ci-a/allocator-bench", ResultFixture.result());
        Path b = write("ci-b/allocator-bench", ResultFixture.trials());

        ResultsMerge.Merged merged = ResultsMerge.read(List.of(a, b), List.of(), dir.resolve("merged"), "9.9");

        BenchResult result = merged.result();
        assertThat(merged.sources()).extracting(ResultsSource::label).containsExactly("ci-a", "ci-b");
        assertThat(result.runs()).extracting(RunResult::allocator).containsExactly("system@ci-a", "jemalloc@ci-a",
                "mimalloc@ci-a", "tcmalloc@ci-a", "system@ci-b", "tcmalloc@ci-b", "system@ci-b", "tcmalloc@ci-b",
                "system@ci-b", "tcmalloc@ci-b");
        assertThat(result.config().trials()).isEqualTo(3);
        assertThat(result.plugin().version()).isEqualTo("9.9");
        assertThat(result.runs().get(0).logFile()).isEqualTo("../ci-a/allocator-bench/logs/system-1.log");
        assertThat(Verdict.sentences(result).get(1)).startsWith("tcmalloc@ci-a had the lowest median peak RSS, "
                + "488 MiB, 97.7 MiB (16.7%) less than system@ci-a (586 MiB)");
    }

    @Test
    void everyFieldOfARunAndItsConfigurationSurvivesWriteReadMergeWrite() throws IOException {
        RunResult ok = ResultFixture.ok("system", 1, 7L, 600_000, 5_000_000, 24_000);
        RunResult died = new RunResult("jemalloc", 1, RunStatus.FAILED, "/usr/lib/libjemalloc.so.2", true, 8L, 137,
                "the server died during the load", "logs/jemalloc-1.log", ok.samples(), ok.load(), ok.summary(),
                Phase.LOAD, null);
        BenchResult fixture = ResultFixture.result();
        ConfigSummary config = new ConfigSummary(ResultFixture.HANDLER, List.of("system", "jemalloc"), 10_000, 10_000,
                2_000, 3_000, 1_000, 1, List.of("-Xmx2g"), 4_000, 500.0, List.of("-Xmx1g"),
                new RequestShape("POST", List.of("/a", "/b"), Map.of("X-Test", "1"), "{}"), 1_500, null);
        BenchResult original = new BenchResult(BenchResult.SCHEMA_VERSION, fixture.plugin(), fixture.environment(),
                config, List.of(ok, died), List.of());
        Path a = write("ci-a/allocator-bench", original);
        Path b = write("ci-b/allocator-bench", original);

        ResultsMerge.Merged merged = ResultsMerge.read(List.of(a, b), List.of(), dir.resolve("merged"), "9.9");
        Path rewritten = dir.resolve("merged").resolve(ResultsFile.NAME);
        Files.createDirectories(rewritten.getParent());
        ResultsFile.write(merged.result(), rewritten);
        BenchResult reread = ResultsFile.read(rewritten);

        assertThat(reread.runs()).containsExactly(
                ok.withAllocator("system@ci-a").withLogFile("../ci-a/allocator-bench/logs/system-1.log"),
                died.withAllocator("jemalloc@ci-a").withLogFile("../ci-a/allocator-bench/logs/jemalloc-1.log"),
                ok.withAllocator("system@ci-b").withLogFile("../ci-b/allocator-bench/logs/system-1.log"),
                died.withAllocator("jemalloc@ci-b").withLogFile("../ci-b/allocator-bench/logs/jemalloc-1.log"));
        assertThat(reread.config()).isEqualTo(config.withAllocators(List.of("system@ci-a", "jemalloc@ci-a",
                "system@ci-b", "jemalloc@ci-b"), 1));
    }

    @Test
    void takesGivenLabelsAndRejectsOnesThatDoNotFit() {
        List<Path> files = List.of(Path.of("x/results.json"), Path.of("y/results.json"));

        assertThat(ResultsMerge.labels(files, List.of(" linux ", "mac"))).containsExactly("linux", "mac");
        assertThatThrownBy(() -> ResultsMerge.labels(files, List.of("one")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("labels has 1 entries [one] but resultsFiles has 2");
        assertThatThrownBy(() -> ResultsMerge.labels(files, List.of("a", "a")))
                .hasMessageContaining("label 'a' appears twice");
        assertThatThrownBy(() -> ResultsMerge.labels(files, List.of("a@b", "c")))
                .hasMessageContaining("label 'a@b' in labels is not usable");
        assertThatThrownBy(() -> ResultsMerge.labels(List.of(), List.of()))
                .hasMessageContaining("resultsFiles is empty");
    }

    @Test
    void defaultsToTheNearestDirectoryNamesThatDifferAndLeavesASingleFileUnlabelled() {
        assertThat(ResultsMerge.labels(List.of(Path.of("/r/one/results.json"), Path.of("/r/two/results.json")),
                List.of())).containsExactly("one", "two");
        assertThat(ResultsMerge.labels(List.of(Path.of("/r/a/target/allocator-bench/results.json"),
                Path.of("/r/b/target/allocator-bench/results.json")), List.of())).containsExactly("a", "b");
        assertThat(ResultsMerge.labels(List.of(Path.of("/r/results.json"), Path.of("/r/results.json")), List.of()))
                .containsExactly("1", "2");
        assertThat(ResultsMerge.labels(List.of(Path.of("/r/results.json")), List.of())).containsExactly((String) null);
    }

    @Test
    void reRendersASingleFileInPlaceWithoutRewritingIt(@TempDir Path bench) throws IOException {
        Path results = bench.resolve(ResultsFile.NAME);
        ResultsFile.write(ResultFixture.result(), results);
        String before = Files.readString(results);

        ResultsMerge.Merged merged = ResultsMerge.read(List.of(results), List.of(), bench, "9.9");
        ReportRebuild.Written written = ReportRebuild.write(merged, List.of(results), bench);

        assertThat(written.files()).containsExactly(bench.resolve("index.html"), bench.resolve("summary.md"),
                bench.resolve("samples.csv"));
        assertThat(Files.readString(results)).isEqualTo(before);
        assertThat(Files.readString(bench.resolve("index.html"))).isEqualTo(
                new ReportWriter().render(ResultFixture.result(), merged.sources()))
                .contains("href=\"logs/system-1.log\"");
        assertThat(written.runs()).isEqualTo(4);
        assertThat(written.okRuns()).isEqualTo(2);
    }

    @Test
    void writesTheMergedResultsAndAPageWithEverySourcesEnvironment() throws IOException {
        Path a = write("ci-a", ResultFixture.result());
        Path b = write("ci-b", ResultFixture.result());
        Path out = dir.resolve("report");

        ResultsMerge.Merged merged = ResultsMerge.read(List.of(a, b), List.of(), out, "9.9");
        ReportRebuild.write(merged, List.of(a, b), out);

        assertThat(ResultsFile.read(out.resolve(ResultsFile.NAME)).runs()).hasSize(8);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("This report merges 2 results files", "<th>ci-a (" + a + ")</th>",
                "<th>ci-b (" + b + ")</th>", "<td>system@ci-b</td>");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| tcmalloc@ci-b | ok |",
                "Merged from: `ci-a`");
    }

    @Test
    void namesAMissingOrCorruptFile() throws IOException {
        Path missing = dir.resolve("nowhere/results.json");
        Path corrupt = Files.writeString(dir.resolve("results.json"), "{\"runs\": [");

        assertThatThrownBy(() -> ResultsMerge.read(List.of(missing), List.of(), dir, "9.9"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("results file not found");
        assertThatThrownBy(() -> ResultsMerge.read(List.of(corrupt), List.of(), dir, "9.9"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot read bench results from " + corrupt);
    }

    private Path write(String subdirectory, BenchResult result) throws IOException {
        Path file = dir.resolve(subdirectory).resolve(ResultsFile.NAME);
        ResultsFile.write(result, file);
        return file;
    }
}
