package io.github.allocbench.report;

import io.github.allocbench.result.ResultsFile;
import io.github.allocbench.result.RunStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report again from existing results files: {@code index.html}, {@code summary.md} and {@code samples.csv}
 * of one re-read or several merged {@code results.json} (see {@link ResultsMerge}). A merged {@code results.json}
 * is written too, so the page's link to it works; a single results file is never rewritten in its own directory.
 */
public final class ReportRebuild {

    /**
     * What was written.
     *
     * @param report  the HTML report
     * @param files   every file written, the report first
     * @param sources the results files read, labelled
     * @param runs    how many runs the report shows
     * @param okRuns  how many of them ended ok
     */
    public record Written(Path report, List<Path> files, List<ResultsSource> sources, int runs, int okRuns) {
    }

    private ReportRebuild() {
    }

    /**
     * Writes the report of {@code merged}, read from {@code resultsFiles} by {@link ResultsMerge#read}, into
     * {@code outputDirectory}.
     *
     * @throws IOException when the output cannot be written
     */
    public static Written write(ResultsMerge.Merged merged, List<Path> resultsFiles, Path outputDirectory)
            throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(new ReportWriter().write(merged.result(), merged.sources(), outputDirectory));
        written.add(SummaryMarkdown.write(merged.result(), merged.sources(), outputDirectory));
        written.add(write(outputDirectory.resolve(SamplesCsv.NAME), out -> SamplesCsv.write(merged.result(), out)));
        Path results = outputDirectory.resolve(ResultsFile.NAME);
        boolean inPlace = resultsFiles.size() == 1 && results.toAbsolutePath().normalize()
                .equals(resultsFiles.get(0).toAbsolutePath().normalize());
        if (!inPlace) {
            ResultsFile.write(merged.result(), results);
            written.add(results);
        }
        int ok = (int) merged.result().runs().stream().filter(r -> r.status() == RunStatus.OK).count();
        return new Written(written.get(0), written, merged.sources(), merged.result().runs().size(), ok);
    }

    @FunctionalInterface
    private interface Output {
        void writeTo(Path file) throws IOException;
    }

    private static Path write(Path file, Output output) throws IOException {
        output.writeTo(file);
        return file;
    }
}
