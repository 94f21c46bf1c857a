package io.github.allocbench.maven;

import io.github.allocbench.report.BenchmarkTrend;
import io.github.allocbench.report.JunitReport;
import io.github.allocbench.report.ReportRebuild;
import io.github.allocbench.report.ResultsMerge;
import io.github.allocbench.report.ResultsSource;
import io.github.allocbench.report.StepSummary;
import io.github.allocbench.report.SummaryMarkdown;
import io.github.allocbench.units.ConfigurationException;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report again from existing results: {@code index.html}, {@code summary.md}, {@code samples.csv} and the
 * CI files (JUnit XML, trend JSON; {@code summary.md} appended to {@code $GITHUB_STEP_SUMMARY} when it is set)
 * from one {@code results.json}, or one comparison merged from several (the jobs of a CI matrix, benches on
 * different machines). Runs of a merged report are named {@code allocator@label} after their source, and each is
 * compared with the {@code system} run of its own source. Needs no project: {@code mvn
 * io.github.allocbench:allocator-maven-plugin:report -Dallocbench.resultsFiles=a/results.json,b/results.json} works
 * in any directory.
 *
 * @since 0.1.0
 */
@Mojo(name = "report", requiresProject = false, threadSafe = true)
public class ReportMojo extends AbstractAllocbenchMojo {

    /**
     * Results files to report on, comma-separated on the command line. One file is re-rendered in its own
     * directory; several are merged into {@code reportDirectory}. Relative paths are resolved against the project's
     * base directory (the current directory without a project). Default: {@code results.json} in
     * {@code outputDirectory}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.resultsFiles")
    List<File> resultsFiles;

    /**
     * One label per results file, in the same order, naming its source in a merged report ({@code jemalloc@label}).
     * Labels must be unique and must not contain {@code @}. Default: the name of each file's directory, or of the
     * nearest ancestor directory whose names differ between the files (so {@code ci-a/allocator-bench/results.json}
     * and {@code ci-b/allocator-bench/results.json} become {@code ci-a} and {@code ci-b}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.labels")
    List<String> labels;

    /**
     * Where a report merged from several results files is written, with the merged {@code results.json}. A single
     * results file is re-rendered in its own directory instead. Default: {@code target/allocator-report} of the
     * project; outside a project, {@code allocator-report} beside the first results file.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.reportDirectory")
    File reportDirectory;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Override
    String goal() {
        return "report";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<Path> files = new ArrayList<>();
        if (resultsFiles == null || resultsFiles.isEmpty()) {
            if (unexpanded(outputDirectory)) {
                throw new MojoFailureException("No results file to report on: outside a project there is no "
                        + "default. Name them: -Dallocbench.resultsFiles=a/results.json,b/results.json.");
            }
            files.add(outputDirectory.toPath().resolve("results.json"));
        } else {
            for (File f : resultsFiles) {
                files.add(f.isAbsolute() ? f.toPath() : basedir.toPath().resolve(f.toPath()));
            }
        }
        Path output = files.size() == 1 ? files.get(0).toAbsolutePath().getParent() : mergedDirectory(files);
        ResultsMerge.Merged merged;
        try {
            merged = ResultsMerge.read(files, labels == null ? List.of() : labels, output, plugin.getVersion());
        } catch (ConfigurationException e) {
            throw new MojoFailureException("Invalid allocator report configuration: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoFailureException("Cannot read the results to report on: " + e.getMessage(), e);
        }
        ReportRebuild.Written written;
        try {
            written = ReportRebuild.write(merged, files, output);
            JunitReport.write(merged.result(), output);
            BenchmarkTrend.Written trend = BenchmarkTrend.write(merged.result(), output);
            if (!trend.leftOut().isEmpty()) {
                getLog().info("Left out of the trend files, having no valid run: " + String.join("; ",
                        trend.leftOut()));
            }
            StepSummary.append(output.resolve(SummaryMarkdown.NAME), System::getenv).ifPresent(file -> getLog()
                    .info("Appended " + SummaryMarkdown.NAME + " to the job summary " + file));
        } catch (IOException e) {
            throw new MojoExecutionException("The allocator report could not be written to " + output + ": "
                    + e.getMessage(), e);
        }
        for (ResultsSource source : written.sources()) {
            getLog().info("Read " + source.file() + (source.label() == null ? "" : " as " + source.label()));
        }
        getLog().info("Report of " + written.runs() + " run(s), " + written.okRuns() + " ok: " + written.report());
    }

    /**
     * Where a merged report goes: the configured directory, else the project's build directory, else (outside a
     * project, where Maven leaves {@code ${project.build.directory}} unexpanded) beside the first results file.
     */
    private Path mergedDirectory(List<Path> files) throws MojoFailureException {
        if (reportDirectory != null) {
            if (unexpanded(reportDirectory)) {
                throw new MojoFailureException("reportDirectory is '" + reportDirectory + "', an expression Maven "
                        + "could not expand here. Set -Dallocbench.reportDirectory to a real directory.");
            }
            return reportDirectory.toPath().toAbsolutePath();
        }
        boolean inProject = project != null && project.getFile() != null && project.getBuild() != null
                && project.getBuild().getDirectory() != null && !project.getBuild().getDirectory().contains("${");
        return inProject ? Path.of(project.getBuild().getDirectory(), "allocator-report")
                : files.get(0).toAbsolutePath().getParent().resolveSibling("allocator-report");
    }

    private static boolean unexpanded(File file) {
        return file != null && file.getPath().contains("${");
    }
}
