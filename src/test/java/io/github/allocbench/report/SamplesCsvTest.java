package io.github.allocbench.report;

import io.github.allocbench.bench.BenchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesCsvTest {

    @TempDir
    Path dir;

    @Test
    void writesAHeaderAndOneLinePerSample() throws IOException {
        Path file = dir.resolve("samples.csv");

        SamplesCsv.write(ReportFixture.result(), file);

        List<String> lines = Files.readAllLines(file);
        // 15 + 15 samples of the good runs, 3 of the failed one, none of the skipped one.
        assertThat(lines).hasSize(1 + 15 + 3 + 15);
        assertThat(lines.get(0)).isEqualTo("allocator,trial,tMs,phase,rssKb,vszKb");
        assertThat(lines.get(1)).isEqualTo("system,1,-1000,idle,150000,4000000");
        assertThat(lines).contains("tcmalloc,1,13000,cooldown,400000,4100000", "mimalloc,1,0,load,241666,11000000")
                .noneMatch(line -> line.startsWith("jemalloc"));
    }

    @Test
    void quotesAllocatorNamesThatWouldBreakTheColumns() throws IOException {
        BenchResult result = ReportFixture.result("glibc, arena max 2", "say \"hi\"");
        Path file = dir.resolve("samples.csv");

        SamplesCsv.write(result, file);

        assertThat(Files.readAllLines(file))
                .anyMatch(line -> line.startsWith("\"glibc, arena max 2\",1,-1000,idle,"))
                .anyMatch(line -> line.startsWith("\"say \"\"hi\"\"\",1,-1000,idle,"));
    }
}
