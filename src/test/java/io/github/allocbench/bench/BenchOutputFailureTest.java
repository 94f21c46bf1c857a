package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bench whose results file cannot be written still measures, names the file and prints its closing table. */
class BenchOutputFailureTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<String> logged = log.lines();

    @Test
    void anUnwritableResultsFileIsNamedAndTheClosingTableIsStillPrinted() throws IOException {
        Path out = dir.resolve("out");
        // A directory where results.json belongs: the atomic rename onto it fails as a full disk's write would.
        Files.createDirectories(out.resolve("results.json").resolve("occupied"));
        BenchConfig config = BenchTest.small().allocators(List.of("system")).outputDirectory(out).build();
        BenchSite site = new BenchSite("unwritable", "module-a", Duration.ofMinutes(5), dir, null);

        assertThatThrownBy(() -> new Bench(config, "test", log, site).run())
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + out.toAbsolutePath().resolve("results.json"))
                .hasMessageContaining("The figures above were measured but not all of them could be saved.");

        assertThat(logged).anyMatch(l -> l.startsWith("WARN [module-a] cannot write "
                + out.toAbsolutePath().resolve("results.json")));
        assertThat(logged).anyMatch(l -> l.matches("INFO \\[module-a] system +ok .*"));
        assertThat(logged).allMatch(l -> l.startsWith("INFO [module-a] ") || l.startsWith("WARN [module-a] "));
        assertThat(out.resolve("samples.csv")).exists();
    }
}
