package io.github.allocbench.bench;

import io.github.allocbench.result.BenchEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentProbeTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFirstCpuModelName() throws IOException {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                + "model name\t: AMD EPYC 7B13 64-Core Processor\nprocessor\t: 1\nmodel name\t: other\n");

        assertThat(EnvironmentProbe.cpuModel(cpuinfo)).isEqualTo("AMD EPYC 7B13 64-Core Processor");
        assertThat(EnvironmentProbe.cpuModel(dir.resolve("absent"))).isNull();
    }

    @Test
    void readsTheCgroupMemoryLimitOfEitherVersionAndTreatsUnlimitedAsNone() throws IOException {
        Files.writeString(dir.resolve("memory.max"), "8589934592\n");
        assertThat(EnvironmentProbe.cgroupMemoryLimit(dir)).isEqualTo(8_589_934_592L);

        Files.writeString(dir.resolve("memory.max"), "max\n");
        assertThat(EnvironmentProbe.cgroupMemoryLimit(dir)).isNull();

        Path v1 = Files.createDirectories(dir.resolve("v1/memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        assertThat(EnvironmentProbe.cgroupMemoryLimit(dir.resolve("v1"))).isNull();
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "4294967296\n");
        assertThat(EnvironmentProbe.cgroupMemoryLimit(dir.resolve("v1"))).isEqualTo(4_294_967_296L);

        assertThat(EnvironmentProbe.cgroupMemoryLimit(dir.resolve("none"))).isNull();
    }

    @Test
    void recordsTheOpenFileLimitOfThisMachine() {
        BenchEnvironment env = EnvironmentProbe.current();

        assertThat(env.openFileLimit()).isPositive();
        assertThat(env.cpus()).isPositive();
    }
}
