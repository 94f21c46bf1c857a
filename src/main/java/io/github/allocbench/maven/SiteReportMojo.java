package io.github.allocbench.maven;

import io.github.allocbench.report.ReportRebuild;
import io.github.allocbench.report.ResultsMerge;
import io.github.allocbench.report.SitePage;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.units.ConfigurationException;

import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.AbstractMavenReportRenderer;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The bench's page in the project's site ({@code mvn site}): a summary in the site's skin (the verdict, one row per
 * run with its validity, native and total peak RSS, throughput, latency, errors and the gate's verdict) that links to
 * the full self-contained report, written beside it under {@code allocator-bench/}. It renders an existing
 * {@code results.json} and never runs the bench: run {@code mvn verify site}, or {@code mvn verify} then
 * {@code mvn site}. Without a results file the page is left out of the site and the log says why.
 *
 * @since 0.1.0
 */
@Mojo(name = "site-report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class SiteReportMojo extends AbstractMavenReport {

    /** The directory of the full report under the site's output directory, and the page's name. */
    static final String OUTPUT_NAME = "allocator-bench";

    /**
     * The results file the page is rendered from.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.site.resultsFile",
            defaultValue = "${project.build.directory}/allocator-bench/results.json")
    File resultsFile;

    /**
     * Leaves the bench's page out of the site, as {@code allocbench.skip} skips every goal of the plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = "allocbench.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    /** Whether the reason for leaving the page out was logged: the site plugin asks more than once. */
    private boolean toldWhy;

    @Override
    public String getOutputName() {
        return OUTPUT_NAME;
    }

    @Override
    public String getName(Locale locale) {
        return "Allocator bench";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Native memory, throughput and latency of the handler under each allocator, from the last bench.";
    }

    @Override
    public boolean canGenerateReport() {
        String why = null;
        if (skip) {
            why = "Skipping the allocator site report because allocbench.skip is true.";
        } else if (!resultsFile.isFile()) {
            why = "Skipping the allocator site report: " + resultsFile + " does not exist. Run the bench first "
                    + "(mvn verify site, or mvn verify before mvn site); the report never runs it.";
        }
        if (why != null && !toldWhy) {
            getLog().info(why);
            toldWhy = true;
        }
        return why == null;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        Path results = resultsFile.toPath().toAbsolutePath();
        BenchResult result;
        try {
            result = ResultsFile.read(results);
        } catch (IOException e) {
            throw new MavenReportException("Cannot read " + results + " for the allocator site report: "
                    + e.getMessage() + ". Run the bench again (mvn verify) to write it anew.", e);
        }
        Path full = getReportOutputDirectory().toPath().resolve(OUTPUT_NAME);
        try {
            Files.createDirectories(full);
            ReportRebuild.write(ResultsMerge.read(List.of(results), List.of(), full, plugin.getVersion()),
                    List.of(results), full);
        } catch (ConfigurationException | IOException e) {
            throw new MavenReportException("Cannot write the full allocator report to " + full + ": "
                    + e.getMessage(), e);
        }
        new PageRenderer(getSink(), SitePage.of(result), OUTPUT_NAME + "/index.html").render();
        getLog().info("Allocator site report of " + results + ": " + getOutputName() + ".html and "
                + full.resolve("index.html"));
    }

    /** Draws a {@link SitePage} through the site's Doxia sink. */
    private static final class PageRenderer extends AbstractMavenReportRenderer {

        private final SitePage page;
        private final String fullReport;

        PageRenderer(Sink sink, SitePage page, String fullReport) {
            super(sink);
            this.page = page;
            this.fullReport = fullReport;
        }

        @Override
        public String getTitle() {
            return page.title();
        }

        @Override
        protected void renderBody() {
            startSection(page.title());
            for (String sentence : page.sentences()) {
                paragraph(sentence);
            }
            startTable();
            tableHeader(page.headers().toArray(String[]::new));
            for (List<String> row : page.rows()) {
                tableRow(row.toArray(String[]::new));
            }
            endTable();
            paragraph(page.gate());
            sink.paragraph();
            link(fullReport, "The full report");
            text(": charts of memory over time, the native memory breakdown, latency, the load, the environment and "
                    + "every run's log.");
            sink.paragraph_();
            endSection();
        }
    }
}
