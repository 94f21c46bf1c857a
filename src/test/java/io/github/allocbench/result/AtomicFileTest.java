package io.github.allocbench.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("index.html"), "old report");

        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half a new rep");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(file).hasContent("old report");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theWrittenFileHasThePermissionsOfAnyNewFile() throws IOException {
        Path file = dir.resolve("index.html");
        // Whatever the umask here, a file created the ordinary way shows what a new report should be allowed.
        Path ordinary = Files.createFile(dir.resolve("ordinary.html"));

        AtomicFile.write(file, out -> out.write("report"));

        // A temp file made by Files.createTempFile would be owner-only (rw-------) under any umask.
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(ordinary));
        assertThat(file).hasContent("report");
    }
}
