package io.github.allocbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Appends {@code summary.md} to the GitHub Actions job summary: the file named by the {@code GITHUB_STEP_SUMMARY}
 * environment variable, which other steps of the job write too, so it is appended to and never replaced. The
 * environment is read through a function so that tests need no real one.
 */
public final class StepSummary {

    /** The variable GitHub Actions sets to the job summary's file in every step. */
    public static final String VARIABLE = "GITHUB_STEP_SUMMARY";

    private StepSummary() {
    }

    /**
     * Appends {@code summary} to the file {@code environment} names under {@link #VARIABLE}, when it names one.
     *
     * @param environment the environment's variables by name, {@code System::getenv} outside tests
     * @return the file appended to, or empty when the variable is not set
     * @throws IOException when the summary cannot be read or the job summary cannot be written
     */
    public static Optional<Path> append(Path summary, UnaryOperator<String> environment) throws IOException {
        String target = environment.apply(VARIABLE);
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(target);
        String text = Files.readString(summary, StandardCharsets.UTF_8);
        // Another step's summary may not end with a newline; a Markdown heading must start a line.
        String separator = Files.isRegularFile(file) && Files.size(file) > 0 ? "\n" : "";
        Files.writeString(file, separator + text + (text.endsWith("\n") ? "" : "\n"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return Optional.of(file);
    }
}
