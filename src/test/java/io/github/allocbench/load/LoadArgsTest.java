package io.github.allocbench.load;

import io.github.allocbench.result.RequestShape;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadArgsTest {

    @Test
    void whatTheHostWritesTheChildReadsBack() {
        LoadSettings settings = new LoadSettings("127.0.0.2", 8080, 1234, Duration.ofMillis(2500), "/")
                .withRequest(RequestShape.DEFAULT).withRate(99.5).withSourceAddresses(3)
                .withSettle(Duration.ofMillis(750));
        LoadArgs args = LoadArgs.linked(40123, settings, Duration.ofMillis(1500), 17, Path.of("/tmp/r.json"));

        LoadArgs back = LoadArgs.parse(args.toList().toArray(String[]::new));

        assertThat(back).isEqualTo(args);
        assertThat(back.isLinked()).isTrue();
        assertThat(back.duration()).isEqualTo(Duration.ofMillis(2500));
        assertThat(back.warmupConnections()).isEqualTo(17);
        assertThat(back.port()).as("the host names the port on the link, once the server is up").isZero();
        assertThat(args.toList()).doesNotContain("--port");
    }

    @Test
    void aRunByHandTakesTheDefaultsAndNoLink() {
        LoadArgs args = LoadArgs.parse("--port", "80", "--connections", "7", "--duration", "3s");

        assertThat(args.isLinked()).isFalse();
        assertThat(args.host()).isEqualTo("127.0.0.1");
        assertThat(args.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(args.warmup()).isZero();
        assertThat(args.warmupConnections()).as("the warm-up's connections default to the load's").isEqualTo(7);
        assertThat(args.requestFile()).isNull();
        assertThat(LoadArgs.parse("--port", "80").connections()).isEqualTo(10_000);
        assertThat(LoadArgs.parse("--print-jvm-options", "--connections", "5").printJvmOptions()).isTrue();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LoadArgs.parse("--port", "80", "--connections", "many"))
                .hasMessage("--connections is 'many', which is not a number");
        assertThatThrownBy(() -> LoadArgs.parse("--port"))
                .hasMessage("--port has no value");
        assertThatThrownBy(() -> LoadArgs.parse("--port", "80", "--bogus", "1"))
                .hasMessage("unknown argument --bogus");
        assertThatThrownBy(() -> LoadArgs.parse("--connections", "5"))
                .hasMessage("--port is missing");
        assertThatThrownBy(() -> LoadArgs.parse("--port", "80", "--link-port", "70000"))
                .hasMessage("--link-port 70000 is not a port (1-65535)");
    }
}
