package io.github.allocbench.fork;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitStatusTest {

    @Test
    void namesTheSignalBehindCodesAbove128() {
        assertThat(ExitStatus.describe(137)).isEqualTo("exit code 137: killed by signal 9 (SIGKILL)");
        assertThat(ExitStatus.describe(134)).isEqualTo("exit code 134: killed by signal 6 (SIGABRT)");
        assertThat(ExitStatus.describe(170)).isEqualTo("exit code 170: killed by signal 42");
    }

    @Test
    void plainCodesStayPlain() {
        assertThat(ExitStatus.describe(3)).isEqualTo("exit code 3");
        assertThat(ExitStatus.describe(128)).isEqualTo("exit code 128");
        assertThat(ExitStatus.describe(255)).isEqualTo("exit code 255");
        assertThat(ExitStatus.describe(null)).isEqualTo("exit code unknown");
    }
}
