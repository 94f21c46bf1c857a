package io.github.allocbench.memory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ForeignCpuTest {

    @Test
    void machineTicksSplitBusyFromIdleAndIowait() {
        long[] ticks = ForeignCpu.machineTicks("cpu  100 5 50 1000 20 3 2 1 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n");

        assertThat(ticks).containsExactly(161, 1181);
    }

    @Test
    void processTicksAreUserPlusSystemEvenWithSpacesInTheName() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 500 0 0 0 70 30 0 0 20 0 40 0 1000 0 0";

        assertThat(ForeignCpu.processTicks(stat)).isEqualTo(100);
    }

    @Test
    void theForeignShareIsTheMachinesBusyTimeLessOursOverAllCpus() {
        Optional<ForeignCpu.Reading> start = Optional.of(new ForeignCpu.Reading(1_000, 10_000, 400));
        Optional<ForeignCpu.Reading> end = Optional.of(new ForeignCpu.Reading(1_900, 11_000, 1_000));

        assertThat(ForeignCpu.percent(start, end)).isEqualTo(30.0);
        assertThat(ForeignCpu.percent(start, Optional.empty())).isNull();
    }

    @Test
    void thisJvmCanBeRead() {
        Optional<ForeignCpu.Reading> reading = ForeignCpu.read(List.of(ProcessHandle.current().pid()));

        assertThat(reading).isPresent();
        assertThat(reading.get().machineTotalTicks()).isGreaterThan(reading.get().machineBusyTicks());
        assertThat(ForeignCpu.read(List.of(Long.MAX_VALUE))).isEmpty();
    }
}
