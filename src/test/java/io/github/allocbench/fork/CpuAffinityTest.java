package io.github.allocbench.fork;

import io.github.allocbench.units.CpuList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuAffinityTest {

    @TempDir
    Path tmp;

    @Test
    void prefixesTasksetWithTheKernelsFormOfTheList() {
        assertThat(CpuAffinity.prefix(CpuList.parse("serverCpus", "1,0,4-5"))).containsExactly("taskset", "-c",
                "0-1,4-5");
        assertThat(CpuAffinity.prefix(null)).isEmpty();
    }

    @Test
    void findsTasksetOnlyAsAnExecutableFileOnThePath() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path notExecutable = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(notExecutable.resolve("taskset"), "");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path taskset = Files.writeString(bin.resolve("taskset"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(taskset, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(CpuAffinity.findTaskset(empty + "::" + notExecutable + ":" + bin)).contains(taskset);
        assertThat(CpuAffinity.findTaskset(empty + ":" + notExecutable)).isEmpty();
        assertThat(CpuAffinity.findTaskset("")).isEmpty();
        assertThat(CpuAffinity.findTaskset(null)).isEmpty();
    }

    @Test
    void readsCpusAllowedListFromAStatusFile() throws IOException {
        Path status = Files.writeString(tmp.resolve("status"), String.join("\n", List.of("Name:\tjava",
                "Cpus_allowed:\t5", "Cpus_allowed_list:\t0,2", "Mems_allowed_list:\t0", "")));

        assertThat(CpuAffinity.allowedCpus(status)).isEqualTo("0,2");
        assertThat(CpuAffinity.allowedCpusIn("Name:\tjava\n")).isEmpty();
        Path without = Files.writeString(tmp.resolve("without"), "Name:\tjava\n");
        assertThatThrownBy(() -> CpuAffinity.allowedCpus(without)).isInstanceOf(IOException.class)
                .hasMessageContaining("has no Cpus_allowed_list: line");
    }

    @Test
    void readsTheCpusOfThisJvmAndOfAnotherProcess() throws IOException {
        String here = CpuAffinity.allowedCpusHere();

        assertThat(CpuList.parse("Cpus_allowed_list", here).isEmpty()).isFalse();
        assertThat(CpuAffinity.allowedCpus(ProcessHandle.current().pid())).isEqualTo(here);
        assertThatThrownBy(() -> CpuAffinity.allowedCpus(Long.MAX_VALUE)).isInstanceOf(IOException.class);
    }
}
