package io.github.allocbench.result;



import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path file = dir.resolve("out/results.json");
        BenchResult written = ResultFixture.result();

        ResultsFile.write(written, file);

        assertThat(ResultsFile.read(file)).isEqualTo(written);
    }

    @Test
    void aTrimAtTheEndReadsBackWithWhatItGaveBack() throws IOException {
        BenchResult base = ResultFixture.result();
        RunResult trimmed = base.runs().get(0).toBuilder().trim(new NativeTrim(2_300_000, 2_260_000L, 200_000L,
                "Trim native heap: RSS+Swap: 2.2G->2.1G (-39M)")).build();
        BenchResult written = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(), base.config(),
                List.of(trimmed), List.of());
        Path file = dir.resolve("results.json");
        ResultsFile.write(written, file);

        assertThat(Files.readString(file)).contains("\"reclaimedKb\" : 40000", "\"nativeAfterKb\" : 160000");
        assertThat(ResultsFile.read(file)).isEqualTo(written);
    }

    @Test
    void checksReadBackWithTheirLevelAndReferenceAndOlderChecksGetTheirLevelFromPassed() throws IOException {
        BenchResult base = ResultFixture.result();
        BenchResult gated = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(), base.config(),
                base.runs(), List.of(
                new CheckResult("tcmalloc", "peakRss", "maximumOf", 500_000, 540_000, null, true,
                        "tcmalloc peakRss is …, within the maximum of 90% of system (…) but past the warning level "
                                + "of 80% (…).", CheckResult.WARN, 480_000.0, "system", 600_000.0),
                new CheckResult("system", "peakRss", "maximum", 600_000, 512_000, null, false, "system …")));
        Path file = dir.resolve("results.json");
        ResultsFile.write(gated, file);

        assertThat(Files.readString(file)).contains("\"level\" : \"warn\"", "\"reference\" : \"system\"",
                "\"level\" : \"fail\"");
        assertThat(ResultsFile.read(file)).isEqualTo(gated);
        Files.writeString(file, Files.readString(file).replace("\"level\"", "\"x\""));
        assertThat(ResultsFile.read(file).checks()).extracting(CheckResult::level)
                .containsExactly(CheckResult.PASS, CheckResult.FAIL);
    }

    @Test
    void theChecksThatCouldNotBeJudgedReadBackAndOlderFilesHaveNone() throws IOException {
        BenchResult base = ResultFixture.result();
        BenchResult unjudged = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config(), base.runs(), List.of(), false, List.of(new UnjudgedCheck("system", "errorRate",
                "maximum", List.of("trial 1 is invalid: 100.0% of responses were errors"))));
        Path file = dir.resolve("results.json");
        ResultsFile.write(unjudged, file);

        assertThat(Files.readString(file)).contains("\"unjudgedChecks\" : [ {");
        assertThat(ResultsFile.read(file)).isEqualTo(unjudged);
        Files.writeString(file, Files.readString(file).replace("\"unjudgedChecks\"", "\"x\""));
        assertThat(ResultsFile.read(file).unjudgedChecks()).isEmpty();
    }

    @Test
    void nmtsMallocTotalAndTheAllocatorGovernedPartAreWrittenAndOlderFilesReadWithoutThem() throws IOException {
        BenchResult withMalloc = ResultFixture.withNmtMalloc(ResultFixture.result());
        Path file = dir.resolve("results.json");
        ResultsFile.write(withMalloc, file);

        // The first sample: malloc 50,000 KiB; RSS 150,000 KiB is 41,072 KiB below NMT's committed 191,072 KiB.
        String json = Files.readString(file);
        assertThat(json).contains("\"nmtMallocKb\" : 50000", "\"nmtMallocKb\" : 64000",
                "\"allocatorGovernedKb\" : 8928");
        BenchResult read = ResultsFile.read(file);
        assertThat(read).isEqualTo(withMalloc);
        assertThat(read.runs().get(0).samples().get(0).allocatorGovernedKb()).isEqualTo(8_928L);

        Files.writeString(file, json.replace("\"nmtMallocKb\"", "\"x\""));
        BenchResult older = ResultsFile.read(file);
        assertThat(older).isEqualTo(ResultFixture.result());
        assertThat(older.runs().get(0).samples()).allSatisfy(s -> {
            assertThat(s.jvm().nmtMallocKb()).isNull();
            assertThat(s.allocatorGovernedKb()).isNull();
        });
    }

    @Test
    void theCpuPinsAskedForAndAppliedReadBackAndOlderFilesReadAsNotPinned() throws IOException {
        BenchResult base = ResultFixture.result();
        ConfigSummary pinned = ResultFixture.pinned(base.config(), "0", "1");
        BenchResult written = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(), pinned,
                base.runs().stream().map(r -> r.toBuilder().cpus(new RunCpus("0", "1")).build()).toList(),
                List.of());
        Path file = dir.resolve("results.json");
        ResultsFile.write(written, file);

        String json = Files.readString(file);
        assertThat(json).contains("\"serverCpus\" : \"0\",\n    \"generatorCpus\" : \"1\"",
                "\"cpus\" : {\n      \"server\" : \"0\",\n      \"generator\" : \"1\"\n    }");
        assertThat(ResultsFile.read(file)).isEqualTo(written);

        Files.writeString(file, json.replace("\"serverCpus\"", "\"x\"").replace("\"generatorCpus\"", "\"y\"")
                .replace("\"cpus\" : {", "\"z\" : {"));
        BenchResult older = ResultsFile.read(file);
        assertThat(older).isEqualTo(base);
        assertThat(older.config().cpuPlacement()).isEqualTo("not pinned");
        assertThat(older.runs()).allSatisfy(r -> assertThat(r.cpus()).isNull());
    }

    @Test
    void anInterruptedBenchReadsBackInterruptedAndOlderFilesReadAsNotInterrupted() throws IOException {
        BenchResult base = ResultFixture.result();
        BenchResult interrupted = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config(), List.of(RunResult.interrupted("system", 1, "interrupted")), List.of(), true);
        Path file = dir.resolve("results.json");
        ResultsFile.write(interrupted, file);

        assertThat(Files.readString(file)).contains("\"interrupted\" : true")
                .contains("\"status\" : \"interrupted\"");
        assertThat(ResultsFile.read(file)).isEqualTo(interrupted);
        Files.writeString(file, Files.readString(file).replace("\"interrupted\" : true", "\"x\" : 1"));
        assertThat(ResultsFile.read(file).interrupted()).isFalse();
    }

    @Test
    void writesNullFieldsAndLowerCaseLabelsAsTheContractShowsThem() throws IOException {
        Path file = dir.resolve("results.json");

        ResultsFile.write(ResultFixture.result(), file);

        String json = Files.readString(file);
        assertThat(json).startsWith("{\n  \"schemaVersion\" : 1,")
                .contains("\"exitCode\" : null", "\"failure\" : null", "\"pid\" : null", "\"load\" : null")
                .contains("\"status\" : \"skipped\"", "\"status\" : \"failed\"", "\"phase\" : \"cooldown\"")
                .contains("\"exitCode\" : 137")
                .endsWith("}\n");
    }

    @Test
    void ignoresFieldsAddedByANewerPlugin() throws IOException {
        Path file = dir.resolve("results.json");
        ResultsFile.write(ResultFixture.result(), file);
        String grown = Files.readString(file)
                .replace("\"schemaVersion\" : 1,", "\"schemaVersion\" : 1, \"gate\" : {\"violations\" : []},")
                .replace("\"trial\" : 1,", "\"trial\" : 1, \"pssKb\" : 12,");
        Files.writeString(file, grown);

        assertThat(ResultsFile.read(file)).isEqualTo(ResultFixture.result());
    }

    @Test
    void namesTheFileWhenItIsCorrupt() throws IOException {
        Path file = dir.resolve("results.json");
        ResultsFile.write(ResultFixture.result(), file);
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.length() / 2));

        assertThatThrownBy(() -> ResultsFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read bench results from " + file.toAbsolutePath() + ": ")
                .hasMessageContaining("line ");
    }

    @Test
    void namesTheFileWhenItIsEmptyOrNull() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path nul = Files.writeString(dir.resolve("null.json"), "null");
        Path noRuns = Files.writeString(dir.resolve("noruns.json"), "{\"schemaVersion\": 1}");

        for (Path file : new Path[] {empty, nul, noRuns}) {
            assertThatThrownBy(() -> ResultsFile.read(file))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toAbsolutePath().toString());
        }
    }

    @Test
    void refusesASchemaVersionItDoesNotKnow() throws IOException {
        Path file = dir.resolve("results.json");
        ResultsFile.write(ResultFixture.result(), file);
        Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : 1,", "\"schemaVersion\" : 2,"));

        assertThatThrownBy(() -> ResultsFile.read(file))
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("schema version 2 but this plugin reads up to 1");
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), "old", StandardCharsets.UTF_8);

        ResultsFile.write(ResultFixture.result(), file);

        assertThat(ResultsFile.read(file)).isEqualTo(ResultFixture.result());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
