package io.github.allocbench.report;

import io.github.allocbench.bench.BenchResult;
import io.github.allocbench.bench.RunResult;
import io.github.allocbench.memory.MemorySample;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code samples.csv}: every memory sample of every run, one per line, for spreadsheets and plotting tools.
 * Columns {@code allocator,trial,tMs,phase,rssKb,vszKb} after a header line; sizes in KiB as {@code /proc} reports
 * them; lines end in {@code \n}. Runs without samples (skipped ones) contribute no lines.
 */
public final class SamplesCsv {

    /** The file's name in the output directory. */
    public static final String NAME = "samples.csv";

    static final String HEADER = "allocator,trial,tMs,phase,rssKb,vszKb";

    private SamplesCsv() {
    }

    /** Writes the samples of {@code result} to {@code file}, replacing it atomically. */
    public static void write(BenchResult result, Path file) throws IOException {
        AtomicFile.write(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (RunResult run : result.runs()) {
                String allocator = quoted(run.allocator());
                for (MemorySample s : run.samples()) {
                    out.write(allocator + ',' + run.trial() + ',' + s.tMs() + ',' + s.phase().label() + ','
                            + s.rssKb() + ',' + s.vszKb() + '\n');
                }
            }
        });
    }

    /** RFC 4180 quoting: allocator names are user-chosen and may hold a comma or a quote. */
    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
