package io.github.allocbench.fork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path tmp;

    @Test
    void returnsTheLastLines() throws Exception {
        Path log = Files.writeString(tmp.resolve("a.log"), "one\ntwo\nthree\nfour\n");

        assertThat(LogTail.of(log, 2)).containsExactly("three", "four");
        assertThat(LogTail.of(log, 20)).containsExactly("one", "two", "three", "four");
    }

    @Test
    void readsOnlyTheEndOfAHugeLog() throws Exception {
        String lines = IntStream.range(0, 200_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Path log = Files.writeString(tmp.resolve("big.log"), lines);

        assertThat(LogTail.of(log, 3)).containsExactly("line 199997", "line 199998", "line 199999");
    }

    @Test
    void aMissingOrEmptyLogHasNoLines() throws Exception {
        assertThat(LogTail.of(tmp.resolve("none.log"), 20)).isEmpty();
        assertThat(LogTail.of(Files.writeString(tmp.resolve("empty.log"), ""), 20)).isEmpty();
    }
}
