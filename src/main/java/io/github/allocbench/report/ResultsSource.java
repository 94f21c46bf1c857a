package io.github.allocbench.report;

import io.github.allocbench.result.BenchEnvironment;
import io.github.allocbench.result.ConfigSummary;

import java.nio.file.Path;

/**
 * One results file a report was drawn from. A bench's own report has one source without a label; a merged report
 * has one per file, and its runs' allocator names carry the label as {@code allocator@label}.
 *
 * @param label         the source's label, or {@code null} for a report of a single file
 * @param file          the results file, or {@code null} for a report written by the bench itself
 * @param environment   the machine the source's bench ran on
 * @param config        the source's bench settings
 * @param pluginVersion the plugin version that wrote the source
 */
public record ResultsSource(String label, Path file, BenchEnvironment environment, ConfigSummary config,
                            String pluginVersion) {
}
