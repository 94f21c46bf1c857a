package io.github.allocbench.memory;

import org.junit.jupiter.api.Test;

import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatusTest {

    private static final String JAVA_STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Tgid:\t4242
            Pid:\t4242
            VmPeak:\t 4020612 kB
            VmSize:\t 3954020 kB
            VmLck:\t       0 kB
            VmHWM:\t  181144 kB
            VmRSS:\t  175300 kB
            RssAnon:\t  140100 kB
            RssFile:\t   35188 kB
            RssShmem:\t      12 kB
            VmData:\t  512000 kB
            Threads:\t71
            voluntary_ctxt_switches:\t3
            """;

    private static final String ZOMBIE_STATUS = """
            Name:\tjava
            State:\tZ (zombie)
            Pid:\t4242
            Threads:\t1
            """;

    @Test
    void parsesTheMemoryFigures() {
        assertThat(ProcStatus.parse(JAVA_STATUS))
                .isEqualTo(new ProcStatus('S', 175300, 181144, 3954020, 140100, 35188, 12, 71));
    }

    @Test
    void aZombieHasNoMemoryAndIsExited() {
        ProcStatus status = ProcStatus.parse(ZOMBIE_STATUS);

        assertThat(status.vmRssKb()).isZero();
        assertThat(status.isExited()).isTrue();
        assertThat(ProcStatus.parse(JAVA_STATUS).isExited()).isFalse();
    }

    @Test
    void rejectsAFigureThatIsNotANumberNamingTheLine() {
        assertThatThrownBy(() -> ProcStatus.parse("VmRSS:\t lots kB\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'VmRSS:\t lots kB'");
    }

    @Test
    void readsThisJvm() throws Exception {
        ProcStatus self = ProcStatus.read(ProcessHandle.current().pid());

        assertThat(self.vmRssKb()).isPositive();
        assertThat(self.vmSizeKb()).isGreaterThan(self.vmRssKb());
        assertThat(self.rssAnonKb() + self.rssFileKb() + self.rssShmemKb()).isEqualTo(self.vmRssKb());
        assertThat(self.threads()).isGreaterThan(1);
    }

    @Test
    void readingAProcessThatIsGoneSaysNoSuchFile() {
        assertThatThrownBy(() -> ProcStatus.read(Long.MAX_VALUE)).isInstanceOf(NoSuchFileException.class);
    }
}
