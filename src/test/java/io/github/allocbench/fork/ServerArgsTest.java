package io.github.allocbench.fork;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerArgsTest {

    @Test
    void parsesWhatItWrites() {
        ServerArgs args = new ServerArgs(5000, "com.example.Hello", "x.Default", 16);

        assertThat(ServerArgs.parse(args.toList().toArray(String[]::new))).isEqualTo(args);
    }

    @Test
    void anEmptyHandlerFallsBackToTheDefaultAndThreadsDefaultTo64() {
        ServerArgs args = ServerArgs.parse("--link-port", "5000", "--handler", "", "--default-handler", "x.Default");

        assertThat(args.handlerToLoad()).isEqualTo("x.Default");
        assertThat(args.threads()).isEqualTo(64);
    }

    @Test
    void rejectsUnknownMissingAndMalformedArguments() {
        assertThatThrownBy(() -> ServerArgs.parse("--link-port", "1", "--port", "2"))
                .hasMessageStartingWith("Unknown argument --port");
        assertThatThrownBy(() -> ServerArgs.parse("--threads", "8")).hasMessageStartingWith("--link-port is missing");
        assertThatThrownBy(() -> ServerArgs.parse("--link-port")).hasMessage("--link-port has no value.");
        assertThatThrownBy(() -> ServerArgs.parse("--link-port", "http")).hasMessage("--link-port is 'http', not a number.");
        assertThatThrownBy(() -> ServerArgs.parse("--link-port", "70000")).hasMessageContaining("not a port");
    }
}
