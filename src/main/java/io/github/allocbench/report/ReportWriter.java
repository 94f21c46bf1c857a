package io.github.allocbench.report;

import io.github.allocbench.result.AtomicFile;
import io.github.allocbench.result.BenchResult;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders the HTML report, {@code index.html}, from the Freemarker templates inside the plugin jar. The page is
 * self-contained and static: no JavaScript, nothing fetched, the charts drawn as inline SVG with presentation
 * attributes, so it reads the same opened from disk, archived by Jenkins under its Content-Security-Policy, or
 * mailed. Everything the template prints is HTML-escaped ({@code .ftlh}), allocator and handler names included.
 */
public final class ReportWriter {

    /** The report's file name in the output directory. */
    public static final String NAME = "index.html";

    private static final String TEMPLATE = "index.ftlh";

    private final Configuration freemarker;

    public ReportWriter() {
        freemarker = new Configuration(Configuration.VERSION_2_3_35);
        // Loaded through this class, not the thread's context class loader: inside Maven that is the project's
        // realm, which does not hold the plugin's templates.
        freemarker.setTemplateLoader(new ClassTemplateLoader(ReportWriter.class, "/io/github/allocbench/report/"));
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputEncoding("UTF-8");
        // The view holds only preformatted text; these make any number that slips through locale-independent.
        freemarker.setLocale(Locale.US);
        freemarker.setNumberFormat("computer");
        freemarker.setTimeZone(TimeZone.getTimeZone("UTC"));
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /**
     * Writes {@code index.html} for {@code result} into {@code outputDirectory}, replacing it atomically.
     *
     * @return the written file
     */
    public Path write(BenchResult result, Path outputDirectory) throws IOException {
        return write(ReportView.of(result), outputDirectory);
    }

    /**
     * Writes {@code index.html} for a result drawn from several results files (see {@link ResultsMerge}), whose
     * environments and configurations the page shows side by side.
     *
     * @return the written file
     */
    public Path write(BenchResult result, List<ResultsSource> sources, Path outputDirectory) throws IOException {
        return write(ReportView.of(result, sources), outputDirectory);
    }

    /** The report's HTML for {@code result}. */
    public String render(BenchResult result) {
        return render(ReportView.of(result));
    }

    /** The report's HTML for a result drawn from {@code sources}. */
    public String render(BenchResult result, List<ResultsSource> sources) {
        return render(ReportView.of(result, sources));
    }

    private Path write(ReportView view, Path outputDirectory) throws IOException {
        Path file = outputDirectory.resolve(NAME);
        AtomicFile.write(file, out -> render(view, out));
        return file;
    }

    private String render(ReportView view) {
        StringWriter out = new StringWriter();
        try {
            render(view, out);
        } catch (IOException e) {
            throw new IllegalStateException("A StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private void render(ReportView view, Writer out) throws IOException {
        Template template = freemarker.getTemplate(TEMPLATE);
        try {
            template.process(Map.of("view", view), out);
        } catch (TemplateException e) {
            // The view never holds nulls the template does not expect, so this is a bug in the plugin, not the data.
            throw new IllegalStateException("The report template " + TEMPLATE + " failed: " + e.getMessage(), e);
        }
    }
}
