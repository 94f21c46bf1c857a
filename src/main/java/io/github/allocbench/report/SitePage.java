package io.github.allocbench.report;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code mvn site} page of a bench says, as text for any renderer: its title, the verdict, one short row per
 * run (allocator, status, validity, the headline figures and the gate's verdict on that allocator) and the gate's
 * overall verdict. The full report, charts and all, is the self-contained {@code index.html} the page links to; this
 * is only its summary, so that the site renderer (Doxia) draws it in the site's own skin.
 *
 * @param title     the page's title, naming the handler
 * @param sentences the verdict, one sentence each, as the report opens with
 * @param headers   the table's column headers
 * @param rows      one row per run, cells in the order of {@code headers}
 * @param gate      one sentence on the gate's checks of the whole bench
 */
public record SitePage(String title, List<String> sentences, List<String> headers, List<List<String>> rows,
                       String gate) {

    /** The column of the gate's verdict on a row's allocator. */
    static final String GATE_HEADER = "Gate";

    public SitePage {
        sentences = List.copyOf(sentences);
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** The page of {@code result}. */
    public static SitePage of(BenchResult result) {
        boolean showTrial = result.config() != null && result.config().trials() > 1;
        List<ReportView.CheckRow> checks = ReportView.checkRows(result);
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : result.runs()) {
            SummaryRow row = SummaryRow.of(run, showTrial);
            boolean figures = run.isJudgeable();
            rows.add(List.of(row.name(), row.status(), row.validity(),
                    figures ? row.peakNative() : SummaryRow.NONE, figures ? row.peakRss() : SummaryRow.NONE,
                    figures ? row.requestsPerSecond() : SummaryRow.NONE, figures ? row.p99() : SummaryRow.NONE,
                    figures ? row.errors() : SummaryRow.NONE, gateOf(run.variant(), checks)));
        }
        String handler = result.config() == null ? "unknown handler" : String.valueOf(result.config().handler());
        return new SitePage("Allocator bench: " + handler, Verdict.sentences(result),
                List.of("Allocator", "Status", "Validity", "Peak native RSS", "Peak RSS", "Req/s", "p99", "Errors",
                        GATE_HEADER), rows, gate(checks));
    }

    /** The gate's verdict on {@code allocator}: pass, how many failed, or why nothing was judged. */
    private static String gateOf(String allocator, List<ReportView.CheckRow> checks) {
        List<ReportView.CheckRow> own = checks.stream().filter(c -> c.allocator().equals(allocator)).toList();
        if (own.isEmpty()) {
            return "no checks";
        }
        int failed = ReportView.count(own, ReportView.CheckRow.FAIL);
        int unjudged = ReportView.count(own, ReportView.CheckRow.UNJUDGED);
        int judged = own.size() - unjudged;
        String verdict = judged == 0 ? "not judged" : failed == 0 ? "pass (" + judged + ")"
                : "FAIL (" + failed + " of " + judged + ")";
        return unjudged > 0 && judged > 0 ? verdict + ", " + unjudged + " not judged" : verdict;
    }

    private static String gate(List<ReportView.CheckRow> checks) {
        if (checks.isEmpty()) {
            return "No gate checks: no limit or baseline was configured.";
        }
        int failed = ReportView.count(checks, ReportView.CheckRow.FAIL);
        int unjudged = ReportView.count(checks, ReportView.CheckRow.UNJUDGED);
        int judged = checks.size() - unjudged;
        String verdict = judged == 0 ? "Gate: none of the " + unjudged + " checks could be judged (invalid runs)"
                : failed == 0 ? "Gate: all " + judged + " checks passed" : "Gate: " + failed + " of " + judged
                + " checks failed";
        return verdict + (unjudged > 0 && judged > 0 ? "; " + unjudged + " could not be judged (invalid runs)." : ".");
    }
}
