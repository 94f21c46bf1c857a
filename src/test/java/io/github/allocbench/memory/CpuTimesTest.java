package io.github.allocbench.memory;

import io.github.allocbench.memory.CpuTimes.CpuUse;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CpuTimesTest {

    private static String procStat(long user, long idle) {
        return "cpu  " + user + " 0 100 " + idle + " 50 0 10 0 0 0\n"
                + "cpu0 1 0 1 1 0 0 0 0 0 0\ncpu1 1 0 1 1 0 0 0 0 0 0\nintr 123\n";
    }

    private static String pidStat(long utime, long stime) {
        // A command name with a space and a parenthesis, as a thread may name itself.
        return "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 40 0 100 5000000 2000 18446744073709551615\n";
    }

    @Test
    void readsTheMachineAndProcessClocks() {
        CpuTimes t = CpuTimes.parse(procStat(1_000, 5_000), pidStat(300, 40));

        assertThat(t.cpus()).isEqualTo(2);
        assertThat(t.machineTicks()).isEqualTo(1_000 + 100 + 5_000 + 50 + 10);
        assertThat(t.idleTicks()).isEqualTo(5_050);
        assertThat(t.processTicks()).isEqualTo(340);
    }

    @Test
    void theUseBetweenTwoReadingsIsInCoresAndIdlePercent() {
        CpuTimes start = CpuTimes.parse(procStat(1_000, 5_000), pidStat(300, 40));
        // 200 ticks passed over both processors (1 s at 100 Hz on 2 cores): 150 busy, 50 idle; the process 120.
        CpuTimes end = CpuTimes.parse(procStat(1_150, 5_050), pidStat(400, 60));

        CpuUse use = end.since(start);

        assertThat(use.cpus()).isEqualTo(2);
        assertThat(use.processCores()).isCloseTo(1.2, within(1e-9));
        assertThat(use.idlePercent()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void refusesWhatIsNotTheKernelsFormat() {
        assertThatThrownBy(() -> CpuTimes.parse("intr 1\n", pidStat(1, 1))).hasMessageContaining("no cpu line");
        assertThatThrownBy(() -> CpuTimes.parse(procStat(1, 1), "4242 (java) S 1"))
                .hasMessageContaining("without utime and stime");
        CpuTimes t = CpuTimes.parse(procStat(1, 1), pidStat(1, 1));
        assertThatThrownBy(() -> t.since(t)).hasMessageContaining("no CPU time passed");
    }

    @Test
    void readsThisProcess() throws IOException {
        CpuTimes t = CpuTimes.read(ProcessHandle.current().pid());

        assertThat(t.cpus()).isPositive();
        assertThat(t.processTicks()).isPositive();
        assertThat(t.machineTicks()).isGreaterThan(t.idleTicks());
    }
}
