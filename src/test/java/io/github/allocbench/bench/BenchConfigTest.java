package io.github.allocbench.bench;

import io.github.allocbench.allocator.CustomAllocator;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.CpuList;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchConfigTest {

    private static BenchConfig config(List<String> allocators, List<CustomAllocator> custom, int connections,
                                      Duration duration, Duration sampleInterval) {
        return base()
                .allocators(allocators)
                .customAllocators(custom)
                .connections(connections)
                .duration(duration)
                .idle(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(2))
                .sampleInterval(sampleInterval)
                .jvmArgs(List.of("-Xmx256m"))
                .outputDirectory(Path.of("target/x")).build();
    }

    @Test
    void customAllocatorsAreBenchedAfterTheNamedOnesOnce() {
        CustomAllocator tuned = new CustomAllocator("jemalloc-tuned", Path.of("/x.so"), Map.of(), List.of());
        CustomAllocator jemalloc = new CustomAllocator("jemalloc", Path.of("/y.so"), Map.of(), List.of());
        BenchConfig c = config(List.of("system", " jemalloc"), List.of(tuned, jemalloc), 10,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(c.allocators()).containsExactly("system", "jemalloc", "jemalloc-tuned");
    }

    @Test
    void noHandlerMeansTheBuiltInOne() {
        BenchConfig c = config(List.of("system"), List.of(), 10, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(c.handler()).isNull();
        assertThat(c.handlerClass()).isEqualTo("io.github.allocbench.handlers.JsonApiHandler");
    }

    @Test
    void refusesZeroOrNegativeConnections() {
        assertThatThrownBy(() -> config(List.of("system"), List.of(), 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections is 0")
                .hasMessageContaining("-Dallocbench.connections");
        assertThatThrownBy(() -> config(List.of("system"), List.of(), -5, Duration.ofSeconds(1),
                Duration.ofSeconds(1)))
                .hasMessageContaining("connections is -5");
    }

    @Test
    void refusesASampleIntervalBelowTheMinimum() {
        assertThatThrownBy(() -> config(List.of("system"), List.of(), 10, Duration.ofSeconds(1),
                Duration.ofMillis(10)))
                .hasMessageContaining("sampleInterval is 10ms, below the minimum of 50ms");
    }

    @Test
    void refusesAZeroDuration() {
        assertThatThrownBy(() -> config(List.of("system"), List.of(), 10, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("duration is 0s");
    }

    @Test
    void refusesNoTrialsAndNegativeWarmup() {
        assertThatThrownBy(() -> base()
                .trials(0).build())
                .hasMessageContaining("trials is 0").hasMessageContaining("-Dallocbench.trials");
        assertThatThrownBy(() -> base()
                .idle(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("idle is negative");
    }

    @Test
    void refusesEmptyAndRepeatedAllocators() {
        assertThatThrownBy(() -> config(List.of(" "), List.of(), 10, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("allocators is empty");
        assertThatThrownBy(() -> config(List.of("system", "system"), List.of(), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(1)))
                .hasMessageContaining("names 'system' twice");
    }

    @Test
    void theGeneratorIsSizedForTheConnectionsUnlessTold() {
        assertThat(config(List.of("system"), List.of(), 10_000, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .generatorJvmOptions()).startsWith("-Xmx256m", "-Xmn128m");
        assertThat(generatorConfig(List.of("-Xmx1g")).generatorJvmOptions()).containsExactly("-Xmx1g");
        assertThat(generatorConfig(List.of()).generatorClasspath())
                .isEqualTo(List.of(System.getProperty("java.class.path").split(":")));
    }

    @Test
    void refusesGeneratorArgsThatAreNoJvmOptions() {
        for (String bad : List.of("Xmx512m", "-cp", "-classpath", "--class-path=/x", "-jar", "@args")) {
            assertThatThrownBy(() -> generatorConfig(List.of(bad)))
                    .as(bad)
                    .hasMessageStartingWith("generatorJvmArgs contains '" + bad + "'")
                    .hasMessageContaining("<generatorJvmArgs><arg>-Xmx512m</arg></generatorJvmArgs>");
        }
    }

    @Test
    void requestTimeoutDefaultsTo10sAndMustBeLongerThanZero() {
        assertThat(generatorConfig(List.of()).requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> base()
                .requestTimeout(Duration.ZERO).build())
                .hasMessageStartingWith("requestTimeout is 0")
                .hasMessageContaining("longer than zero");
    }

    private static BenchConfig generatorConfig(List<String> generatorJvmArgs) {
        return base()
                .generatorJvmArgs(generatorJvmArgs).build();
    }

    /** A small valid plan; each test sets what it is about. */
    @Test
    void cpuListsAreRecordedInTheKernelsFormAndMustNotOverlap() {
        BenchConfig pinned = base().serverCpus(CpuList.parse("serverCpus", "1,0"))
                .generatorCpus(CpuList.parse("generatorCpus", "2-3")).build();

        assertThat(pinned.summary().serverCpus()).isEqualTo("0-1");
        assertThat(pinned.summary().generatorCpus()).isEqualTo("2-3");
        assertThat(pinned.summary().cpuPlacement()).isEqualTo("server CPUs 0-1, generator CPUs 2-3");
        assertThat(base().build().summary().cpuPlacement()).isEqualTo("not pinned");
        assertThat(base().build().serverCpus()).isNull();
        assertThatThrownBy(() -> base().serverCpus(CpuList.parse("serverCpus", "0-1"))
                .generatorCpus(CpuList.parse("generatorCpus", "1")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("serverCpus (0-1) and generatorCpus (1) share CPU 1");
    }

    private static BenchConfig.Builder base() {
        return BenchConfig.builder().allocators(List.of("system")).connections(10).duration(Duration.ofSeconds(1))
                .idle(Duration.ZERO).cooldown(Duration.ZERO).sampleInterval(Duration.ofSeconds(1)).jvmArgs(List.of())
                .classpath(List.of("/cp")).outputDirectory(Path.of("x")).loadWarmup(Duration.ZERO)
                .settle(Duration.ZERO);
    }
}
