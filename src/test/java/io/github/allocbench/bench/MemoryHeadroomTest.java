package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryHeadroomTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private Path meminfo(long availableKb) throws IOException {
        return Files.writeString(dir.resolve("meminfo"), "MemTotal:       25165824 kB\nMemFree:         1000 kB\n"
                + "MemAvailable:   " + availableKb + " kB\n");
    }

    @Test
    void withoutACgroupLimitTheMachinesAvailableMemoryCounts() throws IOException {
        Path cgroup = Files.createDirectories(dir.resolve("cg"));
        Files.writeString(cgroup.resolve("memory.max"), "max\n");
        Files.writeString(cgroup.resolve("memory.current"), "123\n");

        MemoryHeadroom headroom = MemoryHeadroom.of(meminfo(20L << 20), cgroup);

        assertThat(headroom.availableBytes()).hasValue(20 * GIB);
        assertThat(headroom.refusal(3 * GIB)).isNull();
    }

    @Test
    void aCgroupLimitLowersWhatIsAvailableAndARefusalSaysWhatWasShort() throws IOException {
        Path cgroup = Files.createDirectories(dir.resolve("cg"));
        Files.writeString(cgroup.resolve("memory.max"), Long.toString(4 * GIB));
        Files.writeString(cgroup.resolve("memory.current"), Long.toString(3 * GIB));

        MemoryHeadroom headroom = MemoryHeadroom.of(meminfo(20L << 20), cgroup);

        assertThat(headroom.availableBytes()).hasValue(GIB);
        assertThat(headroom.refusal(GIB / 4)).isNull();
        assertThat(headroom.refusal(2 * GIB)).isEqualTo("only 1024 MiB of memory are available and a second server "
                + "needs about 2560 MiB (the running server's RSS plus 512 MiB)");
    }

    @Test
    void cgroupV1FilesAreReadWhenV2sAreMissing() throws IOException {
        Path cgroup = Files.createDirectories(dir.resolve("cg/memory")).getParent();
        Files.writeString(cgroup.resolve("memory/memory.limit_in_bytes"), Long.toString(6 * GIB));
        Files.writeString(cgroup.resolve("memory/memory.usage_in_bytes"), Long.toString(4 * GIB));

        assertThat(MemoryHeadroom.of(meminfo(20L << 20), cgroup).availableBytes()).hasValue(2 * GIB);
    }

    @Test
    void anUnreadableMeminfoRefusesWithTheFileNamed() {
        Path missing = dir.resolve("no-meminfo");

        MemoryHeadroom headroom = MemoryHeadroom.of(missing, dir);

        assertThat(headroom.availableBytes()).isEmpty();
        assertThat(headroom.refusal(GIB)).isEqualTo("the memory available could not be read from " + missing);
    }
}
