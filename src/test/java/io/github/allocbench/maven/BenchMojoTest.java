package io.github.allocbench.maven;

import io.github.allocbench.bench.BenchConfig;
import io.github.allocbench.bench.BenchOutcome;
import io.github.allocbench.gate.GateOutcome;
import io.github.allocbench.gate.GateRules;
import io.github.allocbench.gate.Limit;
import io.github.allocbench.gate.MaxIncrease;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.ResultFixture;
import io.github.allocbench.units.ConfigurationException;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code bench} goal's mapping of parameters to a plan and of outcomes to Maven's results, without forking. */
class BenchMojoTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final AtomicReference<BenchConfig> planned = new AtomicReference<>();

    /** A mojo with the parameters' declared defaults, as Maven would inject them, and a runner that only records. */
    private BenchMojo mojo(BenchOutcome outcome) {
        BenchMojo mojo = new BenchMojo();
        mojo.allocators = List.of("system", "jemalloc", "mimalloc");
        mojo.connections = 10_000;
        mojo.requestMethod = "GET";
        mojo.duration = "10s";
        mojo.loadWarmup = "5s";
        mojo.settle = "3s";
        mojo.requestTimeout = "10s";
        mojo.cooldown = "10s";
        mojo.trimAtEnd = true;
        mojo.trials = 1;
        mojo.sampleInterval = "250ms";
        mojo.startupTimeout = "60s";
        mojo.jvmArgs = List.of("-Xms2g", "-Xmx2g");
        mojo.nativeMemoryTracking = true;
        mojo.failOnViolation = true;
        mojo.lockTimeout = "30m";
        mojo.maxErrorRate = "1%";
        mojo.failOnInvalid = true;
        mojo.outputDirectory = dir.resolve("out").toFile();
        mojo.baseline = dir.resolve("allocator-baseline.json").toFile();
        MavenProject project = new MavenProject();
        project.getBuild().setOutputDirectory(dir.resolve("classes").toString());
        mojo.project = project;
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setVersion("9.9.9");
        plugin.setArtifacts(List.of());
        mojo.plugin = plugin;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });
        mojo.runner = (plan, site, version, log) -> {
            planned.set(plan);
            assertThat(version).isEqualTo("9.9.9");
            return outcome;
        };
        return mojo;
    }

    private BenchOutcome ok() {
        return new BenchOutcome(ResultFixture.result(), List.of(), dir.resolve("out/index.html"), null, true);
    }

    @Test
    void parametersBecomeOnePlan() throws Exception {
        BenchMojo mojo = mojo(ok());
        mojo.workload = "churn";
        mojo.connections = 500;
        mojo.duration = "3s";
        mojo.idle = "750ms";
        mojo.requestPaths = List.of("/a", "/b");
        LimitDefinition limit = new LimitDefinition();
        limit.metric = "peakRss";
        limit.maximum = "2GB";
        mojo.limits = List.of(limit);
        mojo.maxIncrease = Map.of("p99Latency", "5ms");

        mojo.execute();

        BenchConfig plan = planned.get();
        assertThat(plan.handlerClass()).isEqualTo("io.github.allocbench.handlers.NativeChurnHandler");
        assertThat(plan.connections()).isEqualTo(500);
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plan.idle()).isEqualTo(Duration.ofMillis(750));
        assertThat(plan.request().paths()).containsExactly("/a", "/b");
        assertThat(plan.gateRules().limits()).hasSize(1);
        assertThat(plan.gateRules().maxIncreases()).hasSize(1);
        assertThat(plan.baseline()).isEqualTo(dir.resolve("allocator-baseline.json"));
        assertThat(plan.classpath()).contains(dir.resolve("classes").toString());
        assertThat(plan.outputDirectory()).isEqualTo(dir.resolve("out"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void theOneLineMaxIncreaseReplacesThePomsMapAndSkipReachesThePlan() throws Exception {
        BenchMojo mojo = mojo(ok());
        mojo.maxIncrease = Map.of("p99Latency", "5ms", "peakRss", "10%");
        mojo.maxIncreaseList = "peakNativeRss:10%,retainedNativeRss:32MB";
        mojo.warnIncreaseList = "peakNativeRss:5%";
        mojo.skipBaseline = true;

        mojo.execute();

        GateRules rules = planned.get().gateRules();
        assertThat(rules.maxIncreases()).extracting(MaxIncrease::metric)
                .containsExactly(Metric.PEAK_NATIVE_RSS, Metric.RETAINED_NATIVE_RSS);
        assertThat(rules.warnIncreases()).containsExactly(new MaxIncrease(Metric.PEAK_NATIVE_RSS, 5, true));
        assertThat(planned.get().skipBaseline()).isTrue();
    }

    @Test
    void malformedOneLineMaxIncreaseIsABuildFailureShowingTheForm() {
        BenchMojo mojo = mojo(ok());
        mojo.maxIncreaseList = "peakNativeRss 10%";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid allocator bench configuration: allocbench.maxIncrease is 'peakNativeRss 10%', "
                        + "but its entry 'peakNativeRss 10%' is not metric:amount. Write "
                        + "metric:amount[,metric:amount...], e.g. peakNativeRss:10%,retainedNativeRss:32MB.");
    }

    @Test
    void aRelativeLimitKeepsItsReference() throws Exception {
        BenchMojo mojo = mojo(ok());
        LimitDefinition limit = new LimitDefinition();
        limit.allocator = "jemalloc";
        limit.metric = "peakNativeRss";
        limit.maximum = "90%";
        limit.warnMaximum = "80%";
        limit.of = "system";
        mojo.limits = List.of(limit);

        mojo.execute();

        assertThat(planned.get().gateRules().limits()).containsExactly(
                new Limit("jemalloc", Metric.PEAK_NATIVE_RSS, 90.0, null, "system", 80.0, null));
    }

    @Test
    void theDeprecatedWarmupStillSetsTheIdleTimeAndSaysSo() throws Exception {
        BenchMojo mojo = mojo(ok());
        mojo.warmup = "1s";

        mojo.execute();

        assertThat(planned.get().idle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(warnings).singleElement().asString().contains("set <idle>1s</idle>");
    }

    @Test
    void cpuListsReachThePlanAndABadOneIsABuildFailureNamingItAndTheForm() throws Exception {
        BenchMojo mojo = mojo(ok());
        mojo.serverCpus = "0-1";
        mojo.generatorCpus = " ";

        mojo.execute();

        assertThat(planned.get().serverCpus()).hasToString("0-1");
        assertThat(planned.get().generatorCpus()).isNull();
        mojo.generatorCpus = "two";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Invalid allocator bench configuration: generatorCpus is 'two', which is not "
                        + "a CPU list")
                .hasMessageContaining("as taskset -c takes them: 0-1 or 0,2,4-5.");
    }

    @Test
    void anInvalidParameterIsABuildFailureNamingIt() {
        BenchMojo mojo = mojo(ok());
        mojo.connections = 0;

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Invalid allocator bench configuration: connections is 0");
    }

    @Test
    void aLibrarysIllegalArgumentIsNoConfigurationError() {
        BenchMojo mojo = mojo(ok());
        mojo.runner = (plan, site, version, log) -> {
            throw new IllegalArgumentException("from deep inside a library");
        };

        assertThatThrownBy(mojo::execute).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(ConfigurationException.class);
    }

    @Test
    void aFailedRunIsABuildError() {
        BenchOutcome failed = new BenchOutcome(ResultFixture.result(), List.of("mimalloc (trial 1): it died"),
                dir.resolve("out/index.html"), null, true);

        assertThatThrownBy(mojo(failed)::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("1 run(s) of the allocator bench failed: mimalloc (trial 1): it died")
                .hasMessageContaining(dir.resolve("out/logs").toString());
    }

    @Test
    void aViolationFailsTheBuildUnlessOnlyWarningsAreAsked() throws Exception {
        CheckResult violated = new CheckResult("system", "peakRss", "maximum", 3.0, 2.0, null, false,
                "system peakRss is 3 KiB, but expected maximum is 2 KiB");
        BenchOutcome outcome = new BenchOutcome(ResultFixture.result(), List.of(), dir.resolve("out/index.html"),
                new GateOutcome(List.of(violated), List.of()), true);

        assertThatThrownBy(mojo(outcome)::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 of 1 allocator bench checks failed")
                .hasMessageContaining("-Dallocbench.failOnViolation=false");

        BenchMojo warnOnly = mojo(outcome);
        warnOnly.failOnViolation = false;
        warnOnly.execute();
        assertThat(warnings).anyMatch(w -> w.contains("The build goes on because failOnViolation is false."));
    }

    @Test
    void skipRunsNothing() throws Exception {
        BenchMojo mojo = mojo(ok());
        mojo.skip = true;

        mojo.execute();

        assertThat(planned.get()).isNull();
        assertThat(new File(dir.toFile(), "out")).doesNotExist();
    }
}
