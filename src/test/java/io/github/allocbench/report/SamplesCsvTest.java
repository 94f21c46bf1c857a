package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.Phase;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.result.RunJdk;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesCsvTest {

    @TempDir
    Path dir;

    @Test
    void writesAHeaderAndOneLinePerSample() throws IOException {
        Path file = dir.resolve("samples.csv");

        SamplesCsv.write(ResultFixture.result(), file);

        List<String> lines = Files.readAllLines(file);
        // 15 + 15 samples of the good runs, 3 of the failed one, none of the skipped one.
        assertThat(lines).hasSize(1 + 15 + 3 + 15);
        assertThat(lines.get(0)).isEqualTo("allocator,trial,tMs,phase,rssKb,vszKb,hwmKb,rssAnonKb,rssFileKb,"
                + "rssShmemKb,threads,pssKb,privateDirtyKb,heapUsedKb,heapCommittedKb,nonHeapUsedKb,"
                + "nonHeapCommittedKb,directKb,mappedKb,gcCount,gcTimeMs,jvmThreads,nmtCommittedKb,outsideNmtKb,"
                + "nativeRssKb,nmtMallocKb,allocatorGovernedKb,jdk");
        // Full samples: status figures, PSS on the first read only, the JVM's view and the derived outside-NMT.
        assertThat(lines.get(1)).isEqualTo("system,1,0,idle,150000,4000000,150000,130000,20000,0,40,140000,,65536,"
                + "131072,40000,45000,8000,0,0,0,30,191072,-41072,,,,");
        assertThat(lines).contains("tcmalloc,1,14000,cooldown,400000,4100000,400000,380000,20000,0,40,,,65536,"
                        + "131072,40000,45000,8000,0,14,42,30,231072,168928,,,,",
                        "mimalloc,1,0,idle,150000,10000000,150000,130000,20000,0,40,140000,,65536,131072,40000,"
                                + "45000,8000,0,0,0,30,191072,-41072,,,,")
                .noneMatch(line -> line.startsWith("jemalloc"))
                .allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(28));
    }

    @Test
    void writesEverySeriesOfAFullSampleAndTheServersJavaVersion() throws IOException {
        JvmSnapshot jvm = new JvmSnapshot(500_000, 2_097_152, 60_000, 65_000, 131_072, 0, 42, 310, 83, 2_500_000L,
                Map.of("Java Heap", 2_097_152L, "Other", 131_500L), null, 2_097_152L, "committed", 90_000L);
        MemorySample full = new MemorySample(2_250, Phase.LOAD, 2_400_000, 5_100_000, 2_450_000, 2_350_000, 49_000,
                1_000, 91, 2_390_000L, 2_330_000L, jvm);
        MemorySample statusOnly = new MemorySample(2_500, Phase.LOAD, 2_410_000, 5_100_000, 2_450_000, 2_360_000,
                49_000, 1_000, 91, null, null, new JvmSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, null, Map.of()));
        RunResult run = new RunResult("glibc-arena2", 2, RunStatus.OK, null, false, 77L, null, null, null,
                List.of(full, statusOnly), null, RunSummary.of(List.of(full, statusOnly)), null, null, null,
                new RunJdk("jdk25", "/usr/lib/jvm/temurin-25", "25.0.3", "Eclipse Adoptium"));
        BenchResult base = ResultFixture.result();
        BenchResult result = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(), base.config(),
                List.of(run), List.of());
        Path file = dir.resolve("samples.csv");

        SamplesCsv.write(result, file);

        assertThat(Files.readAllLines(file)).containsExactly(SamplesCsv.HEADER,
                "glibc-arena2,2,2250,load,2400000,5100000,2450000,2350000,49000,1000,91,2390000,2330000,"
                        + "500000,2097152,60000,65000,131072,0,42,310,83,2500000,-100000,302848,90000,-10000,25.0.3",
                "glibc-arena2,2,2500,load,2410000,5100000,2450000,2360000,49000,1000,91,,,1,2,3,4,5,6,7,8,9,,,,,,"
                        + "25.0.3");
    }

    @Test
    void quotesAllocatorNamesThatWouldBreakTheColumns() throws IOException {
        BenchResult result = ResultFixture.result("glibc, arena max 2", "say \"hi\"");
        Path file = dir.resolve("samples.csv");

        SamplesCsv.write(result, file);

        assertThat(Files.readAllLines(file))
                .anyMatch(line -> line.startsWith("\"glibc, arena max 2\",1,0,idle,"))
                .anyMatch(line -> line.startsWith("\"say \"\"hi\"\"\",1,0,idle,"));
    }
}
