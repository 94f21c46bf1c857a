package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputPathsTest {

    private final Path root = Path.of("/tmp/project/target/allocator-bench");

    @Test
    void aNameUnderTheOutputDirectoryResolvesThere() {
        assertThat(new OutputPaths(root).resolve("logs/jemalloc-1.log")).isEqualTo(root.resolve("logs/jemalloc-1.log"));
    }

    @Test
    void aNameThatClimbsOutIsRefusedWithWhereItWouldGo() {
        assertThatThrownBy(() -> new OutputPaths(root).resolve("logs/../../../../pwned-1.log"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The file name 'logs/../../../../pwned-1.log' would be written to "
                        + "/tmp/pwned-1.log, outside the output directory " + root);
    }
}
