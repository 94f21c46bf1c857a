package io.github.allocbench.report;

import io.github.allocbench.result.AfterLoad;
import io.github.allocbench.result.NativeTrim;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.RunSummary;
import io.github.allocbench.units.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How fast each run gave its native memory back once the load stopped — the question users ask most of an allocator:
 * native RSS at +100 ms, +1 s, +5 s and at the end of the cooldown, then, for runs on glibc's malloc, what a trim of
 * the malloc heap gave back on top (what glibc kept although nothing used it).
 *
 * @param moments the column headers of {@link Row#moments()}
 * @param rows    one per completed run with figures after its load, in the bench's order
 */
public record ReturnTable(List<String> moments, List<Row> rows) {

    /** One run: its name, native RSS at each moment, and the trim's outcome. */
    public record Row(String name, List<String> moments, String trimmed, String afterTrim, String trimSaid) {
    }

    private static final List<Long> MOMENT_MS = Stream.concat(RunSummary.AFTER_LOAD_MS.stream(),
            Stream.of(RunSummary.END_OF_COOLDOWN)).toList();
    private static final List<String> MOMENTS = MOMENT_MS.stream().map(ReturnTable::header).toList();

    /** The table, or {@code null} when no completed run has native figures after its load. */
    static ReturnTable of(List<RunResult> runs, boolean showTrial) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.status() != RunStatus.OK || run.summary() == null || run.summary().afterLoad().isEmpty()) {
                continue;
            }
            List<String> moments = MOMENT_MS.stream().map(ms -> run.summary().afterLoad().stream()
                    .filter(a -> a.afterMs() == ms).findFirst().map(ReturnTable::cell).orElse(SummaryRow.NONE))
                    .toList();
            NativeTrim trim = run.trim();
            rows.add(new Row(ReportView.name(run, showTrial), moments,
                    trim == null || trim.reclaimedKb() == null ? SummaryRow.NONE : Units.size(trim.reclaimedKb()),
                    trim == null || trim.nativeAfterKb() == null ? SummaryRow.NONE : Units.size(trim.nativeAfterKb()),
                    trim == null ? "" : trim.jvmSaid()));
        }
        return rows.isEmpty() ? null : new ReturnTable(MOMENTS, rows);
    }

    private static String header(long afterMs) {
        return afterMs == RunSummary.END_OF_COOLDOWN ? "End of cooldown"
                : afterMs < 1_000 ? "+" + afterMs + " ms" : "+" + afterMs / 1_000 + " s";
    }

    private static String cell(AfterLoad at) {
        return Units.size(at.nativeRssKb());
    }
}
