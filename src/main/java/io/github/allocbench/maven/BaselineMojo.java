package io.github.allocbench.maven;

import io.github.allocbench.gate.Baseline;
import io.github.allocbench.gate.MetricValue;
import io.github.allocbench.result.AllocatorStats;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.WindowRise;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Units;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the results of the last bench ({@code results.json} in {@code outputDirectory}) as the baseline that
 * {@code bench} compares with through {@code maxIncrease}, or its defaults when that names no metric. It does not
 * bench by itself: run it after the bench in the same command, {@code mvn verify allocator:baseline}, and commit the
 * file. It refuses results with failed runs, results of an interrupted bench and results that lack a configured
 * allocator (unless {@code allowIncomplete}), and writes the file atomically, so a baseline is always complete.
 *
 * @since 0.1.0
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractAllocbenchMojo {

    /**
     * The baseline file to write; the same parameter as the {@code bench} goal's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.baseline", defaultValue = "${project.basedir}/allocator-baseline.json")
    File baseline;

    /**
     * Records a baseline from results that are interrupted or lack a configured allocator, with a warning. Later
     * gates then compare only what the baseline has; set it only when that is what you want.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.allowIncomplete", defaultValue = "false")
    boolean allowIncomplete;

    @Override
    String goal() {
        return "baseline";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Path results = outputDirectory.toPath().resolve(ResultsFile.NAME);
        if (!Files.exists(results)) {
            throw new MojoFailureException("No bench results at " + results + " to record as the baseline. Run the "
                    + "bench first, in the same command: " + Baseline.RECORD_HINT + " (or mvn allocator:bench "
                    + "allocator:baseline).");
        }
        BenchResult result;
        try {
            result = ResultsFile.read(results);
        } catch (IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        List<String> gaps = BaselineCompleteness.gaps(result);
        if (!gaps.isEmpty()) {
            String why = "The results " + results + " are incomplete: " + String.join("; ", gaps) + ".";
            if (!allowIncomplete) {
                throw new MojoFailureException(why + " A baseline from them would gate later benches on part of "
                        + "the allocators. Run the bench again to the end, or set <allowIncomplete>true"
                        + "</allowIncomplete> (-Dallocbench.allowIncomplete=true) to record them anyway.");
            }
            getLog().warn(why + " Recording them anyway because allowIncomplete is true.");
        }
        Baseline recorded;
        try {
            recorded = Baseline.record(result, baseline.toPath());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage() + " The results are in " + results + ".", e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the baseline " + baseline + ": " + e.getMessage(), e);
        }
        log(recorded, result);
    }

    private void log(Baseline recorded, BenchResult result) {
        getLog().info("Recorded the baseline " + recorded.file() + " from " + result.runs().size() + " run(s) of "
                + recorded.config().handler() + ": " + Units.count(recorded.config().connections())
                + " connections, " + HumanDuration.format(Duration.ofMillis(recorded.config().durationMs()))
                + ", JVM options " + String.join(" ", recorded.config().jvmArgs()) + ". Medians:");
        for (AllocatorStats stats : recorded.allocators()) {
            if (stats.okRuns() == 0) {
                continue;
            }
            List<String> figures = new ArrayList<>();
            for (Metric metric : Metric.values()) {
                AllocatorStats.Spread spread = stats.metrics().get(metric);
                if (spread != null) {
                    figures.add(metric + " " + MetricValue.format(metric, spread.median()));
                }
            }
            getLog().info("  " + stats.allocator() + " (" + stats.okRuns() + " ok run(s)): "
                    + String.join(", ", figures));
        }
        recorded.climbing().forEach((allocator, trials) -> getLog().warn(allocator + ": " + String.join("; ", trials)
                + ". Its throughput and latency are recorded, but no later bench's requestsPerSecond or p99Latency "
                + "is compared with them (not judged); " + WindowRise.advice(result.config().settleMs())
                + ", and record the baseline again."));
        for (RunResult run : result.runs()) {
            if (run.status() == RunStatus.SKIPPED) {
                getLog().warn(run.allocator() + " was skipped in this bench, so the baseline has no figures for it: "
                        + run.failure());
            }
        }
    }
}
