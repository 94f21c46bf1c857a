package io.github.allocbench.fork;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JvmOptionsTest {

    @Test
    void addsNmtAndTheOomExitAfterTheUsersOptions() {
        assertThat(JvmOptions.compose(List.of("-Xms2g", "-Xmx2g"), true)).containsExactly("-Xms2g", "-Xmx2g",
                "-XX:NativeMemoryTracking=summary", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void nmtTurnedOffAddsOnlyTheOomExit() {
        assertThat(JvmOptions.compose(List.of("-Xmx2g"), false)).containsExactly("-Xmx2g",
                "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theUsersNmtLevelWins() {
        assertThat(JvmOptions.compose(List.of("-XX:NativeMemoryTracking=detail"), true))
                .containsExactly("-XX:NativeMemoryTracking=detail", "-XX:+ExitOnOutOfMemoryError");
        assertThat(JvmOptions.compose(List.of("-XX:NativeMemoryTracking=off"), true))
                .containsExactly("-XX:NativeMemoryTracking=off", "-XX:+ExitOnOutOfMemoryError");
        assertThat(JvmOptions.compose(List.of("-XX:NativeMemoryTracking=off"), false))
                .containsExactly("-XX:NativeMemoryTracking=off", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theUsersOomChoiceWins() {
        for (String choice : List.of("-XX:+ExitOnOutOfMemoryError", "-XX:-ExitOnOutOfMemoryError",
                "-XX:+CrashOnOutOfMemoryError", "-XX:OnOutOfMemoryError=kill -9 %p")) {
            assertThat(JvmOptions.compose(List.of(choice), false)).containsExactly(choice);
        }
        // A heap dump is not a choice of what happens next: the exit is still added.
        assertThat(JvmOptions.compose(List.of("-XX:+HeapDumpOnOutOfMemoryError"), false))
                .containsExactly("-XX:+HeapDumpOnOutOfMemoryError", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void nmtOffButTurnedOnInJvmArgsIsAConflictNamingBoth() {
        assertThatThrownBy(() -> JvmOptions.compose(List.of("-XX:NativeMemoryTracking=summary"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nativeMemoryTracking is false, but jvmArgs has -XX:NativeMemoryTracking=summary. Remove"
                        + " -XX:NativeMemoryTracking=summary from <jvmArgs> or set <nativeMemoryTracking>"
                        + " (-Dallocbench.nativeMemoryTracking) to true.");
    }
}
