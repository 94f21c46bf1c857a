package io.github.allocbench.fork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkCodecTest {

    @Test
    void encodesEachMessageOnOnePrefixedLine() {
        assertThat(LinkCodec.encode(new LinkMessage.Ready(40123, 4242))).isEqualTo("ALLOCBENCH READY port=40123 pid=4242");
        assertThat(LinkCodec.encode(new LinkMessage.Stop())).isEqualTo("ALLOCBENCH STOP");
        assertThat(LinkCodec.encode(new LinkMessage.Bye())).isEqualTo("ALLOCBENCH BYE");
        assertThat(LinkCodec.encode(new LinkMessage.Failed("a\nb"))).isEqualTo("ALLOCBENCH FAILED a\\nb");
    }

    @Test
    void decodesWhatItEncodes() {
        for (LinkMessage m : List.of(new LinkMessage.Ready(1, Long.MAX_VALUE), new LinkMessage.Stop(),
                new LinkMessage.Bye(), new LinkMessage.Failed("new X() threw\r\n java.lang.Error: C:\\path\\n"))) {
            String line = LinkCodec.encode(m);
            assertThat(line).doesNotContain("\n", "\r");
            assertThat(LinkCodec.decode(line)).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"READY port=1 pid=2", "ALLOCBENCH HELLO", "ALLOCBENCH READY port=x pid=2",
            "ALLOCBENCH READY pid=2 port=1", "ALLOCBENCH STOP now", "allocbench STOP", ""})
    void rejectsAnythingElseQuotingTheLine(String line) {
        assertThatThrownBy(() -> LinkCodec.decode(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown link message '" + line + "'")
                .hasMessageContaining("same allocator-maven-plugin version");
    }
}
