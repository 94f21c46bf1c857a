package io.github.allocbench.result;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

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
    void theWrittenFileIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path file = dir.resolve("index.html");

        AtomicFile.write(file, out -> out.write("report"));

        // A temp file made by Files.createTempFile would be owner-only; the umask here leaves group read on.
        assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OWNER_READ,
                PosixFilePermission.GROUP_READ);
        assertThat(file).hasContent("report");
    }
}
