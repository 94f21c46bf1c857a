package io.github.allocbench.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's JDK in results.json, and the variant that groups runs by allocator and JDK. */
class RunJdkTest {

    @TempDir
    Path dir;

    private static final RunJdk JDK25 = new RunJdk("jdk25", "/usr/lib/jvm/temurin-25", "25.0.3", "Eclipse Adoptium");

    @Test
    void theJdksOfTheRunsAndOfTheConfigurationReadBackAndOlderFilesHaveNone() throws IOException {
        BenchResult base = ResultFixture.result();
        RunJdk jdk17 = new RunJdk("jdk17", "/usr/lib/jvm/java-17", "17.0.15", "Debian");
        BenchResult written = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config().withJdks(List.of(jdk17, JDK25)),
                List.of(base.runs().get(0).toBuilder().jdk(JDK25).build()), List.of());
        Path file = dir.resolve("results.json");
        ResultsFile.write(written, file);

        assertThat(Files.readString(file)).contains("\"jdk\" : {", "\"label\" : \"jdk25\"",
                "\"javaHome\" : \"/usr/lib/jvm/temurin-25\"", "\"version\" : \"25.0.3\"", "\"jdks\" : [ {");
        BenchResult read = ResultsFile.read(file);
        assertThat(read).isEqualTo(written);
        assertThat(read.runs().get(0).variant()).isEqualTo(base.runs().get(0).allocator() + "@jdk25");

        Files.writeString(file, Files.readString(file).replace("\"jdk\" :", "\"x\" :").replace("\"jdks\"", "\"y\""));
        BenchResult old = ResultsFile.read(file);
        assertThat(old.runs().get(0).jdk()).isNull();
        assertThat(old.runs().get(0).variant()).isEqualTo(old.runs().get(0).allocator());
        assertThat(old.config().jdks()).isEmpty();
        assertThat(old.config().variants()).isEqualTo(old.config().allocators());
    }

    @Test
    void statsGroupRunsByAllocatorAndJdk() {
        BenchResult base = ResultFixture.result();
        RunJdk jdk17 = JDK25.withLabel("jdk17");
        RunResult first = base.runs().get(0);
        BenchResult twoJdks = new BenchResult(base.schemaVersion(), base.plugin(), base.environment(),
                base.config().withJdks(List.of(jdk17, JDK25)),
                List.of(first.toBuilder().jdk(jdk17).build(), first.toBuilder().jdk(JDK25).build()), List.of());

        List<AllocatorStats> stats = AllocatorStats.of(twoJdks);

        assertThat(stats).filteredOn(s -> s.runs() > 0).extracting(AllocatorStats::allocator)
                .containsExactly(first.allocator() + "@jdk17", first.allocator() + "@jdk25");
        assertThat(stats).allSatisfy(s -> assertThat(s.runs()).isEqualTo(1));
    }
}
