package io.github.allocbench.report;

import io.github.allocbench.result.AtomicFile;
import io.github.allocbench.result.BenchResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code summary.md}: the verdict, the summary table, where the server and the load generator were pinned
 * and the gate's verdicts in GitHub-flavoured Markdown, ready to append to {@code $GITHUB_STEP_SUMMARY} or post as a
 * pull-request comment. The same figures as the HTML report, best values in bold with a star. Every name is
 * escaped, so an allocator called {@code <b>|x} neither breaks the table nor injects markup.
 */
public final class SummaryMarkdown {

    /** The file's name in the output directory. */
    public static final String NAME = "summary.md";

    private SummaryMarkdown() {
    }

    /** Writes {@code summary.md} for {@code result} into {@code outputDirectory}, replacing it atomically. */
    public static Path write(BenchResult result, Path outputDirectory) throws IOException {
        return write(result, List.of(), outputDirectory);
    }

    /** Writes {@code summary.md} for a result drawn from {@code sources} (see {@link ResultsMerge}). */
    public static Path write(BenchResult result, List<ResultsSource> sources, Path outputDirectory)
            throws IOException {
        Path file = outputDirectory.resolve(NAME);
        String text = render(result, sources);
        AtomicFile.write(file, out -> out.write(text));
        return file;
    }

    /** The Markdown for {@code result}; {@code sources} are listed when there are several. */
    public static String render(BenchResult result, List<ResultsSource> sources) {
        List<String> lines = new ArrayList<>();
        String handlers = sources.isEmpty()
                ? (result.config() == null ? "unknown" : String.valueOf(result.config().handler()))
                : ReportView.handlers(sources);
        lines.add("## Allocator bench: " + escape(handlers));
        lines.add("");
        for (String sentence : Verdict.sentences(result)) {
            lines.add("- " + escape(sentence));
        }
        lines.add("");
        List<String> ship = Verdict.recommendation(result).shipLines();
        if (!ship.isEmpty()) {
            lines.add("```");
            lines.addAll(ship);
            lines.add("```");
            lines.add("");
        }

        SummaryTable table = SummaryTable.of(result);
        List<String> header = new ArrayList<>(List.of("Allocator", "Status", "Validity", "Preload proven"));
        table.columns().forEach(c -> header.add(c.header()));
        lines.add(row(header));
        List<String> rule = new ArrayList<>(List.of("---", "---", "---", "---"));
        table.columns().forEach(c -> rule.add("---:"));
        lines.add(row(rule));
        List<String> notes = new ArrayList<>();
        for (SummaryTable.Row r : table.rows()) {
            List<String> cells = new ArrayList<>(List.of(escape(r.run().name()), r.run().status(),
                    r.run().validity(), r.run().preload()));
            for (SummaryTable.Cell cell : r.cells()) {
                String text = r.run().ok() ? escape(cell.text()) : SummaryRow.NONE;
                cells.add(cell.best() && r.run().ok() ? "**" + text + " " + SummaryTable.BEST_MARK + "**" : text);
            }
            lines.add(row(cells));
            if (r.run().note() != null) {
                notes.add("- " + escape(r.run().name()) + " " + r.run().status() + ": " + escape(oneLine(
                        r.run().note())));
            }
            if (r.run().invalidBecause() != null) {
                notes.add("- " + escape(r.run().name()) + " invalid, not ranked or judged: "
                        + escape(r.run().invalidBecause()));
            }
        }
        lines.add("");
        lines.add(SummaryTable.BEST_MARK + " best value of the column among completed, valid runs; never on Peak VSZ "
                + "(address space, not memory), nor on a negative Outside NMT (committed heap not yet touched), nor on "
                + "the req/s and latency of a window still climbing. Sizes in binary units (1 MiB = 1024 KiB).");
        if (!notes.isEmpty()) {
            lines.add("");
            lines.addAll(notes);
        }
        lines.add("");
        lines.add("CPU placement: " + escape(cpuPlacement(result, sources)) + ".");

        List<ReportView.CheckRow> checks = ReportView.checkRows(result);
        if (!checks.isEmpty()) {
            int failed = ReportView.count(checks, ReportView.CheckRow.FAIL);
            int unjudged = ReportView.count(checks, ReportView.CheckRow.UNJUDGED);
            int warned = ReportView.count(checks, ReportView.CheckRow.WARN);
            int judged = checks.size() - unjudged;
            lines.add("");
            lines.add("### Gate verdicts: " + (judged == 0 ? "none of the " + unjudged + " checks could be judged "
                    + "(invalid runs)" : (failed == 0 ? "all " + judged + " passed" : failed + " of " + judged
                    + " failed") + (warned > 0 ? "; " + warned + " passed past their warning level" : "")
                    + (unjudged > 0 ? "; " + unjudged + " could not be judged (invalid runs)" : "")));
            lines.add("");
            lines.add(row(List.of("Result", "Allocator", "Metric", "Rule", "Actual", "Limit", "Baseline", "Message")));
            lines.add(row(List.of("---", "---", "---", "---", "---:", "---:", "---:", "---")));
            for (ReportView.CheckRow c : checks) {
                lines.add(row(List.of(outcome(c), escape(c.allocator()), escape(c.metric()),
                        escape(c.rule()), escape(c.actual()), escape(c.limit()), escape(c.baseline()),
                        escape(oneLine(c.message())))));
            }
        }
        if (sources.size() > 1) {
            lines.add("");
            lines.add("Merged from: " + String.join(", ", sources.stream()
                    .map(s -> "`" + s.label().replace("`", "'") + "`" + (s.file() == null ? ""
                            : " (" + escape(s.file().toString()) + ")")).toList()) + ".");
        }
        lines.add("");
        return String.join("\n", lines);
    }

    /** The configured CPU placement, per source when several were merged: {@code server CPUs 0-1, ...}. */
    private static String cpuPlacement(BenchResult result, List<ResultsSource> sources) {
        if (sources.size() > 1) {
            return String.join("; ", sources.stream().map(s -> s.label() + ": " + (s.config() == null
                    ? "not recorded" : s.config().cpuPlacement())).toList());
        }
        return result.config() == null ? "not recorded" : result.config().cpuPlacement();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String outcome(ReportView.CheckRow check) {
        return switch (check.outcome()) {
            case ReportView.CheckRow.FAIL -> "**FAIL**";
            case ReportView.CheckRow.WARN -> "WARN";
            case ReportView.CheckRow.UNJUDGED -> "not judged";
            default -> check.outcome();
        };
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Markdown-escapes {@code text} for a table cell or list item: the characters that start emphasis, links, code
     * or HTML, and the pipe that would end the cell.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : oneLine(text).toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '|', '\\', '`', '*', '_', '[', ']', '#' -> out.append('\\').append(ch);
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
