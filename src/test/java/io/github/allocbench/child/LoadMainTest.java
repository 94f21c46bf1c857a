package io.github.allocbench.child;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadMainTest {

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LoadMain.Arguments.parse(new String[] {"--port", "80", "--connections", "many"}))
                .hasMessage("--connections is 'many', which is not a number");
        assertThatThrownBy(() -> LoadMain.Arguments.parse(new String[] {"--port"}))
                .hasMessage("--port has no value");
        assertThatThrownBy(() -> LoadMain.Arguments.parse(new String[] {"--port", "80", "--bogus", "1"}))
                .hasMessage("unknown argument --bogus");
        assertThatThrownBy(() -> LoadMain.Arguments.parse(new String[] {"--connections", "5"}))
                .hasMessage("--port is missing");
        LoadMain.Arguments a = LoadMain.Arguments.parse(new String[] {"--port", "80", "--connections", "7",
                "--controlled"});
        assertThat(a.controlled).isTrue();
        assertThat(a.warmupConnections).isEqualTo(7);
    }
}
