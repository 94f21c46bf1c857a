package io.github.allocbench.report;

import io.github.allocbench.result.AtomicFile;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.JvmSnapshot;
import io.github.allocbench.result.MemorySample;
import io.github.allocbench.result.RunResult;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code samples.csv}: every memory sample of every run, one per line, every series a column, for spreadsheets
 * and plotting tools. After {@code allocator,trial,tMs,phase} come the operating system's figures
 * ({@code rssKb ... threads} from {@code /proc/<pid>/status}, {@code pssKb,privateDirtyKb} from
 * {@code smaps_rollup}), then the JVM's own ({@code heapUsedKb ... jvmThreads}, {@code nmtCommittedKb}) and
 * {@code outsideNmtKb} (RSS minus NMT's committed total), then the native figures: {@code nativeRssKb} (RSS minus the
 * heap's resident part), {@code nmtMallocKb} and {@code allocatorGovernedKb}, and last {@code jdk}, the server JVM's
 * {@code java.version} (which, with the allocator, names the run on several JDKs). A cell is empty where the figure
 * was not read: PSS between two {@code smaps_rollup} reads, the JVM's figures before its first report, NMT's when it
 * is off. NMT's categories are in {@code results.json} only, since they differ between JDKs. Sizes in KiB; lines end
 * in {@code \n}. Runs without samples (skipped ones) contribute no lines.
 */
public final class SamplesCsv {

    /** The file's name in the output directory. */
    public static final String NAME = "samples.csv";

    static final String HEADER = "allocator,trial,tMs,phase,rssKb,vszKb,hwmKb,rssAnonKb,rssFileKb,rssShmemKb,threads,"
            + "pssKb,privateDirtyKb,heapUsedKb,heapCommittedKb,nonHeapUsedKb,nonHeapCommittedKb,directKb,mappedKb,"
            + "gcCount,gcTimeMs,jvmThreads,nmtCommittedKb,outsideNmtKb,nativeRssKb,nmtMallocKb,allocatorGovernedKb,jdk";

    private SamplesCsv() {
    }

    /** Writes the samples of {@code result} to {@code file}, replacing it atomically. */
    public static void write(BenchResult result, Path file) throws IOException {
        AtomicFile.write(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (RunResult run : result.runs()) {
                String allocator = quoted(run.allocator());
                String jdk = run.jdk() == null || run.jdk().version() == null ? "" : quoted(run.jdk().version());
                for (MemorySample s : run.samples()) {
                    out.write(allocator + ',' + run.trial() + ',' + line(s) + ',' + jdk + '\n');
                }
            }
        });
    }

    private static String line(MemorySample s) {
        StringBuilder line = new StringBuilder();
        line.append(s.tMs()).append(',').append(s.phase().label());
        cells(line, s.rssKb(), s.vszKb(), s.hwmKb(), s.rssAnonKb(), s.rssFileKb(), s.rssShmemKb(), s.threads(),
                s.pssKb(), s.privateDirtyKb());
        JvmSnapshot jvm = s.jvm();
        if (jvm == null) {
            cells(line, null, null, null, null, null, null, null, null, null, null);
        } else {
            cells(line, jvm.heapUsedKb(), jvm.heapCommittedKb(), jvm.nonHeapUsedKb(), jvm.nonHeapCommittedKb(),
                    jvm.directKb(), jvm.mappedKb(), jvm.gcCount(), jvm.gcTimeMs(), jvm.threads(),
                    jvm.nmtCommittedKb());
        }
        cells(line, s.outsideNmtKb(), s.nativeRssKb(), jvm == null ? null : jvm.nmtMallocKb(),
                s.allocatorGovernedKb());
        return line.toString();
    }

    private static void cells(StringBuilder line, Object... values) {
        for (Object value : values) {
            line.append(',');
            if (value != null) {
                line.append(value);
            }
        }
    }

    /** RFC 4180 quoting: allocator names are user-chosen and may hold a comma or a quote. */
    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
