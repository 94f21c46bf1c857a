package io.github.allocbench.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadTest {

    @Test
    void aNamedWorkloadSelectsItsBuiltInHandler() {
        assertThat(Workload.handlerFor(null, "churn")).isEqualTo("io.github.allocbench.handlers.NativeChurnHandler");
        assertThat(Workload.handlerFor("", " Compression "))
                .isEqualTo("io.github.allocbench.handlers.CompressionHandler");
        assertThat(Workload.handlerFor(null, "json")).isEqualTo(BenchConfig.DEFAULT_HANDLER);
    }

    @Test
    void withoutAWorkloadTheProjectsHandlerOrTheDefaultIsBenched() {
        assertThat(Workload.handlerFor("com.example.Hello", null)).isEqualTo("com.example.Hello");
        assertThat(Workload.handlerFor(null, " ")).isNull();
    }

    @Test
    void aHandlerAndAWorkloadTogetherSayWhichToDrop() {
        assertThatThrownBy(() -> Workload.handlerFor("com.example.Hello", "churn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both handler 'com.example.Hello' and workload 'churn' are set, but a bench runs one"
                        + " handler. Drop <workload> to bench your handler, or drop <handler> to bench the built-in"
                        + " workload.");
    }

    @Test
    void anUnknownWorkloadListsTheKnownOnes() {
        assertThatThrownBy(() -> Workload.handlerFor(null, "gzip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workload 'gzip' is unknown. Use one of: json, compression, churn, mixed.");
    }
}
