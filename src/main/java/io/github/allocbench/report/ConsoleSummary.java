package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.LoadResult;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The bench's outcome as plain-text lines for the build log: a table of the runs with the same figures as the HTML
 * report, then why each failed or skipped run did not complete and why each invalid run does not count, then the
 * verdict. Plain ASCII and fixed columns, so
 * it survives any console and CI log viewer.
 */
public final class ConsoleSummary {

    private record Column(String header, boolean numeric, Function<SummaryRow, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("allocator", false, SummaryRow::name),
            new Column("status", false, SummaryRow::status),
            new Column("validity", false, SummaryRow::validity),
            new Column("peak native", true, SummaryRow::peakNative),
            new Column("retained native", true, SummaryRow::retainedNative),
            new Column("peak RSS", true, SummaryRow::peakRss),
            new Column("peak VSZ", true, SummaryRow::peakVsz),
            new Column("req/s", true, SummaryRow::requestsPerSecond),
            new Column("p99", true, SummaryRow::p99),
            new Column("errors", true, SummaryRow::errors),
            new Column("conns", true, SummaryRow::connections));

    private static final String GAP = "  ";

    private ConsoleSummary() {
    }

    /** The lines to log for {@code result}, without trailing blanks. */
    public static List<String> lines(BenchResult result) {
        boolean showTrial = result.config() != null && result.config().trials() > 1;
        List<SummaryRow> rows = result.runs().stream().map(r -> SummaryRow.of(r, showTrial)).toList();

        int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            widths[c] = COLUMNS.get(c).header().length();
            for (SummaryRow row : rows) {
                widths[c] = Math.max(widths[c], COLUMNS.get(c).value().apply(row).length());
            }
        }

        List<String> lines = new ArrayList<>();
        lines.add(line(widths, COLUMNS.stream().map(Column::header).toList()));
        lines.add(line(widths, COLUMNS.stream().map(c -> "-".repeat(widths[COLUMNS.indexOf(c)])).toList()));
        for (SummaryRow row : rows) {
            lines.add(line(widths, COLUMNS.stream().map(c -> c.value().apply(row)).toList()));
        }
        for (SummaryRow row : rows) {
            if (row.note() != null) {
                lines.add(row.name() + " " + row.status() + ": " + row.note());
            }
        }
        for (SummaryRow row : rows) {
            if (row.invalidBecause() != null) {
                lines.add(row.name() + " invalid, not ranked or judged: " + row.invalidBecause());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String generator = generatorLine(result.runs().get(i).load());
            if (generator != null) {
                lines.add(rows.get(i).name() + " " + generator);
            }
        }
        lines.add(Verdict.of(result));
        lines.addAll(Verdict.recommendation(result).shipLines());
        return lines;
    }

    /** What the load generator cost where it ran, so nobody mistakes it for the server's figures; or null. */
    static String generatorLine(LoadResult load) {
        if (load == null || load.generatorJvm() == null) {
            return null;
        }
        return "load generator (" + loop(load) + ", in " + where(load) + ", not the server's): CPU "
                + Units.seconds(load.generatorCpuSeconds()) + ", RSS up to "
                + Units.size(load.generatorRssKb()) + ", " + load.sourceAddresses() + " source address"
                + (load.sourceAddresses() == 1 ? "" : "es") + ", ramp " + Units.millis(load.rampMs())
                + (load.foreignCpuPercent() == null ? ""
                : "; other processes kept " + Units.percent(load.foreignCpuPercent()) + " of the machine's CPU busy");
    }

    /** Which JVM the load generator ran in, in words. */
    static String where(LoadResult load) {
        return load.generatorJvm() == null ? "an unrecorded JVM"
                : load.generatorJvm().equals("maven") ? "Maven's JVM" : "its own JVM";
    }

    /** Closed loop, or open loop at its rate. */
    static String loop(LoadResult load) {
        return load.targetRate() > 0 ? "open loop at " + Units.rate(load.targetRate()) + " req/s" : "closed loop";
    }

    private static String line(int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : GAP).append(COLUMNS.get(c).numeric() ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }
}
