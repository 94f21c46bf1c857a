package io.github.allocbench.bench;

import io.github.allocbench.allocator.Allocator;
import io.github.allocbench.result.AllocatorContext;
import io.github.allocbench.result.BenchEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    @Test
    void readsTheBracketedTransparentHugePageMode() throws IOException {
        Path enabled = Files.writeString(dir.resolve("enabled"), "always [madvise] never\n");

        assertThat(EnvironmentProbe.thpMode(enabled)).isEqualTo("madvise");
        assertThat(EnvironmentProbe.thpMode(dir.resolve("absent"))).isNull();
    }

    @Test
    void recordsTheLibrarysPackageAndTheMallocSettingsTheForkSees() throws IOException {
        Path lib = Files.write(dir.resolve("libjemalloc.so.2"), new byte[]{0x7f});
        Path dpkg = Files.createDirectories(dir.resolve("dpkg/info"));
        Files.writeString(dpkg.resolve("libjemalloc2:amd64.list"), "/.\n" + lib + "\n");
        Files.writeString(dpkg.resolve("other.list"), "/usr/bin/other\n");
        Files.writeString(dir.resolve("dpkg/status"), "Package: other\nVersion: 1\n\nPackage: libjemalloc2\n"
                + "Status: install ok installed\nVersion: 5.3.0-1\n");
        Allocator jemalloc = new Allocator("jemalloc-return", lib, Map.of("MALLOC_CONF", "background_thread:true"),
                List.of());

        AllocatorContext context = EnvironmentProbe.context(jemalloc,
                Map.of("MALLOC_ARENA_MAX", "4", "GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1", "PATH", "/bin",
                        "MALLOC_CONF", "narenas:1"), dir.resolve("dpkg"));

        assertThat(context).isEqualTo(new AllocatorContext(lib.toRealPath().toString(), "libjemalloc2:amd64 5.3.0-1",
                Map.of("MALLOC_ARENA_MAX", "4", "GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1",
                        "MALLOC_CONF", "background_thread:true"), List.of()));
    }

    @Test
    void theSystemAllocatorHasNoLibraryOrPackage() {
        AllocatorContext context = EnvironmentProbe.context(new Allocator("system", null, Map.of(), List.of()),
                Map.of("MIMALLOC_VERBOSE", "1"), dir);

        assertThat(context).isEqualTo(new AllocatorContext(null, null, Map.of("MIMALLOC_VERBOSE", "1"), List.of()));
    }
}
