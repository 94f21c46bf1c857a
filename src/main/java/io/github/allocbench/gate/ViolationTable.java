package io.github.allocbench.gate;

import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.Metric;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * The failed checks as a plain-text table for the build failure message: allocator, metric, actual median, the limit
 * or baseline it was held to, and the difference. Fixed columns in plain ASCII so it reads the same in any console
 * and CI log.
 */
public final class ViolationTable {

    private static final List<String> HEADERS = List.of("allocator", "metric", "actual", "limit or baseline",
            "difference");
    private static final String SEPARATOR = " | ";

    private ViolationTable() {
    }

    /** The table of {@code violations}, one line per check under a header line, without a trailing newline. */
    public static String of(List<CheckResult> violations) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (CheckResult c : violations) {
            rows.add(row(c));
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : SEPARATOR).append(row.get(i))
                        .append(" ".repeat(widths[i] - row.get(i).length()));
            }
            lines.add(line.toString().stripTrailing());
        }
        return String.join("\n", lines);
    }

    private static List<String> row(CheckResult c) {
        Metric metric = Metric.ofKey(c.metric());
        String actual = MetricValue.format(metric, c.actual());
        if (c.baseline() != null) {
            return List.of(c.allocator(), c.metric(), actual,
                    "baseline " + MetricValue.format(metric, c.baseline())
                            + (metric.higherIsBetter() ? " (at least " : " (at most ")
                            + MetricValue.format(metric, c.limit()) + ")",
                    difference(metric, c.actual(), c.baseline()));
        }
        if (c.reference() != null && c.referenceValue() != null && c.referenceValue() != 0) {
            String percent = Limit.percent(100 * c.limit() / c.referenceValue());
            String rule = c.rule().equals(Gate.MINIMUM_OF) ? "minimum " : "maximum ";
            return List.of(c.allocator(), c.metric(), actual,
                    rule + percent + " of " + c.reference() + " (" + MetricValue.format(metric, c.limit()) + ")",
                    difference(metric, c.actual(), c.limit()));
        }
        return List.of(c.allocator(), c.metric(), actual, c.rule() + " " + MetricValue.format(metric, c.limit()),
                difference(metric, c.actual(), c.limit()));
    }

    private static String difference(Metric metric, double actual, double reference) {
        String absolute = MetricValue.formatDifference(metric, actual - reference);
        if (reference == 0 || metric.unit() == Metric.Unit.PERCENT) {
            return absolute;
        }
        double percent = 100 * (actual - reference) / reference;
        return absolute + " (" + (percent < 0 ? "-" : "+") + Units.percent(Math.abs(percent)) + ")";
    }
}
