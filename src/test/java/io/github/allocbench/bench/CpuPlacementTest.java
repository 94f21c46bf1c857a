package io.github.allocbench.bench;

import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.CpuList;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuPlacementTest {

    private static final Optional<Path> TASKSET = Optional.of(Path.of("/usr/bin/taskset"));
    private static final CpuList FOUR = cpus("0-3");

    private static CpuList cpus(String text) {
        return CpuList.parse("test", text);
    }

    @Test
    void eitherListMayBeSetAloneAndDisjointListsTogether() {
        assertThatCode(() -> CpuPlacement.requireDisjoint(cpus("0-1"), null)).doesNotThrowAnyException();
        assertThatCode(() -> CpuPlacement.requireDisjoint(null, cpus("3"))).doesNotThrowAnyException();
        assertThatCode(() -> CpuPlacement.requireDisjoint(cpus("0-1"), cpus("2-3"))).doesNotThrowAnyException();
        assertThatCode(() -> CpuPlacement.requireDisjoint(null, null)).doesNotThrowAnyException();
    }

    @Test
    void overlappingListsAreRefusedWithTheSharedCpusAndADisjointChoice() {
        assertThatThrownBy(() -> CpuPlacement.requireDisjoint(cpus("0-1"), cpus("1-2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("serverCpus (0-1) and generatorCpus (1-2) share CPU 1, so the load generator could take "
                        + "CPU time from the server, which pinning is there to prevent. Give them disjoint lists, e.g. "
                        + "generatorCpus 2, or leave generatorCpus empty.");
        assertThatThrownBy(() -> CpuPlacement.requireDisjoint(cpus("0-3"), cpus("0,1")))
                .hasMessage("serverCpus (0-3) and generatorCpus (0-1) share CPUs 0-1, so the load generator could "
                        + "take CPU time from the server, which pinning is there to prevent. Give them disjoint lists, "
                        + "e.g. serverCpus 0-1 and generatorCpus 2-3, or leave generatorCpus empty.");
    }

    @Test
    void aCpuThisBuildMayNotUseIsRefusedNamingTheParameterAndTheAllowedCpus() {
        assertThatThrownBy(() -> CpuPlacement.requireUsable(cpus("2-5"), null, FOUR, TASKSET))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("serverCpus is 2-5, but CPUs 4-5 are not among the CPUs this build may run on (0-3, "
                        + "Cpus_allowed_list of /proc/self/status). Set <serverCpus> (or -Dallocbench.serverCpus) to "
                        + "CPUs within 0-3, or leave it empty.");
        assertThatThrownBy(() -> CpuPlacement.requireUsable(cpus("0"), cpus("7"), FOUR, TASKSET))
                .hasMessageStartingWith("generatorCpus is 7, but CPU 7 is not among the CPUs this build may run on");
    }

    @Test
    void pinningWithoutTasksetIsRefusedWithThePackageToInstall() {
        assertThatThrownBy(() -> CpuPlacement.requireUsable(cpus("0-1"), cpus("2-3"), FOUR, Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("serverCpus (0-1) and generatorCpus (2-3) are set, but taskset is not on the PATH, and "
                        + "the bench pins the forked JVMs with it. Install it (Debian/Ubuntu: apt-get install "
                        + "util-linux) or leave serverCpus and generatorCpus empty.");
        assertThatThrownBy(() -> CpuPlacement.requireUsable(null, cpus("3"), FOUR, Optional.empty()))
                .hasMessageStartingWith("generatorCpus (3) is set, but taskset is not on the PATH");
    }

    @Test
    void withoutPinsNothingIsAskedOfTheMachine() {
        assertThatCode(() -> CpuPlacement.requireUsable(null, null, FOUR, Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> CpuPlacement.requireUsableHere(null, null)).doesNotThrowAnyException();
        assertThatCode(() -> CpuPlacement.requireUsable(cpus("0-1"), cpus("3"), FOUR, TASKSET))
                .doesNotThrowAnyException();
    }

    @Test
    void aRunIsOnlyPinnedWhenTheKernelSaysItsProcessesMayRunOnTheCpusAskedFor() {
        assertThat(CpuPlacement.problems(cpus("0-1"), cpus("2"), "0-1", "2")).isEmpty();
        assertThat(CpuPlacement.problems(cpus("0,1"), null, "0-1", "0-3")).isEmpty();
        assertThat(CpuPlacement.problems(null, null, null, null)).isEmpty();
        assertThat(CpuPlacement.problems(cpus("0-1"), cpus("2"), "0-3", null)).containsExactly(
                "the server was allowed CPUs 0-3, not the serverCpus 0-1 asked for, so it did not run where it was "
                        + "pinned",
                "the load generator's CPUs could not be read from /proc/<pid>/status, so its pin to generatorCpus 2 "
                        + "is not proven");
    }
}
