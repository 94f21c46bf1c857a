package io.github.allocbench.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmapsRollupTest {

    @TempDir
    Path dir;

    @Test
    void parsesPssAndPrivateDirtyOfARecentKernel() throws IOException {
        assertThat(SmapsRollup.parse(Fixtures.text("smaps_rollup.txt")))
                .contains(new SmapsRollup(341_877, 318_036));
    }

    @Test
    void parsesTheShorterFileOfLinux414WithoutThePssBreakdown() throws IOException {
        assertThat(SmapsRollup.parse(Fixtures.text("smaps_rollup-4.14.txt")))
                .contains(new SmapsRollup(170_122, 158_100));
    }

    @Test
    void anEmptyFileHasNoFigures() {
        assertThat(SmapsRollup.parse("")).isEmpty();
    }

    @Test
    void aKernelWithoutTheFileReadsAsNoFigures() throws IOException {
        Files.writeString(dir.resolve("status"), Fixtures.text("status-java.txt"));

        assertThat(SmapsRollup.read(dir)).isEmpty();
    }

    @Test
    void rejectsAFigureThatIsNotASizeNamingTheLine() {
        assertThatThrownBy(() -> SmapsRollup.parse("Pss:  many\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Pss:  many'");
    }

    @Test
    void readsThisJvm() throws IOException {
        SmapsRollup self = SmapsRollup.read(Path.of("/proc/self")).orElseThrow();

        assertThat(self.pssKb()).isPositive();
        assertThat(self.privateDirtyKb()).isPositive().isLessThanOrEqualTo(self.pssKb());
    }
}
