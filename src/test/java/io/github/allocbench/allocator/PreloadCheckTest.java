package io.github.allocbench.allocator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PreloadCheckTest {

    private static final String MAPS = """
            55d0c5a00000-55d0c5a01000 r--p 00000000 08:01 1311012                    /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f3b2c000000-7f3b2c021000 rw-p 00000000 00:00 0\s
            7f3b30a00000-7f3b30a0c000 r--p 00000000 08:01 1320111                    /usr/lib/x86_64-linux-gnu/libjemalloc.so.2
            7f3b30a0c000-7f3b30ab0000 r-xp 0000c000 08:01 1320111                    /usr/lib/x86_64-linux-gnu/libjemalloc.so.2
            7f3b30c00000-7f3b30c10000 r--p 00000000 08:01 1320999                    /opt/my libs/libmimalloc.so.2.0
            7ffd1a5e1000-7ffd1a602000 rw-p 00000000 00:00 0                          [stack]
            """;

    @Test
    void findsTheFirstLineMappingTheLibrary() {
        assertThat(PreloadCheck.of(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2")).lineIn(MAPS))
                .hasValue("7f3b30a00000-7f3b30a0c000 r--p 00000000 08:01 1320111"
                        + "                    /usr/lib/x86_64-linux-gnu/libjemalloc.so.2");
    }

    @Test
    void matchesWholePathsOnly() {
        assertThat(PreloadCheck.of(Path.of("/usr/lib/libjemalloc.so.2")).lineIn(MAPS)).isEmpty();
        assertThat(PreloadCheck.of(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so")).lineIn(MAPS)).isEmpty();
        assertThat(PreloadCheck.of(Path.of("[stack]")).lineIn(MAPS)).isEmpty();
    }

    @Test
    void acceptsPathsWithSpaces() {
        assertThat(PreloadCheck.of(Path.of("/opt/my libs/libmimalloc.so.2.0")).lineIn(MAPS)).isPresent();
    }

    @Test
    void matchesASymlinkByItsRealPath(@TempDir Path tmp) throws IOException {
        Path real = Files.write(tmp.resolve("libmimalloc.so.2.0"), new byte[]{1});
        Path link = Files.createSymbolicLink(tmp.resolve("libmimalloc.so.2"), real);
        String maps = "7f3b30c00000-7f3b30c10000 r--p 00000000 08:01 1320999    " + real.toRealPath() + "\n";

        assertThat(PreloadCheck.of(link).lineIn(maps)).isPresent();
        assertThat(PreloadCheck.of(tmp.resolve("libother.so")).lineIn(maps)).isEmpty();
    }

    @Test
    void aProcessThatDoesNotExistMapsNothing() {
        assertThat(PreloadCheck.of(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2")).isMappedIn(Long.MAX_VALUE))
                .isFalse();
    }
}
