package io.github.allocbench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forked server's memory as its own JVM sees it, read inside the fork and sent over the link. Sizes in KiB.
 *
 * @param heapUsedKb         Java heap in use
 * @param heapCommittedKb    Java heap committed
 * @param nonHeapUsedKb      non-heap memory in use (metaspace, code cache)
 * @param nonHeapCommittedKb non-heap memory committed
 * @param directKb           direct byte buffers (the {@code direct} buffer pool)
 * @param mappedKb           mapped byte buffers (the {@code mapped} buffer pool)
 * @param gcCount            garbage collections so far
 * @param gcTimeMs           time spent in garbage collection so far
 * @param threads            live Java threads
 * @param nmtCommittedKb     Native Memory Tracking's total committed, or {@code null} when NMT is off
 * @param nmtCategoriesKb    committed KiB per NMT category (Java Heap, Class, Thread, ...) in NMT's order, empty when
 *                           NMT is off
 * @param nmtError           why NMT's summary could not be read although the JVM runs with NMT on; {@code null} when
 *                           it was read or NMT is off
 * @param heapResidentKb     the Java heap's resident part: its committed size when pre-touched at a fixed size, else
 *                           the resident pages of its address ranges; {@code null} when unknown
 * @param heapResidentSource how {@code heapResidentKb} was found: {@code committed} or {@code smaps}; or why it is
 *                           unknown; {@code null} in files written before it
 * @param nmtMallocKb        what the JVM holds from malloc, all NMT categories together (the {@code malloc:} line
 *                           under NMT's total); {@code null} when NMT is off, its summary has no such line, or in files
 *                           written before it
 */
public record JvmSnapshot(long heapUsedKb, long heapCommittedKb, long nonHeapUsedKb, long nonHeapCommittedKb,
                          long directKb, long mappedKb, long gcCount, long gcTimeMs, int threads,
                          Long nmtCommittedKb, Map<String, Long> nmtCategoriesKb, String nmtError,
                          Long heapResidentKb, String heapResidentSource, Long nmtMallocKb) {

    public JvmSnapshot {
        // NMT's order, not Map.copyOf's per-JVM random one: results.json is diffed.
        nmtCategoriesKb = nmtCategoriesKb == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(nmtCategoriesKb));
    }

    /** A snapshot without NMT's malloc total, as files before it recorded. */
    public JvmSnapshot(long heapUsedKb, long heapCommittedKb, long nonHeapUsedKb, long nonHeapCommittedKb,
                       long directKb, long mappedKb, long gcCount, long gcTimeMs, int threads,
                       Long nmtCommittedKb, Map<String, Long> nmtCategoriesKb, String nmtError,
                       Long heapResidentKb, String heapResidentSource) {
        this(heapUsedKb, heapCommittedKb, nonHeapUsedKb, nonHeapCommittedKb, directKb, mappedKb, gcCount, gcTimeMs,
                threads, nmtCommittedKb, nmtCategoriesKb, nmtError, heapResidentKb, heapResidentSource, null);
    }

    /** A snapshot without the heap's resident part, as files before it recorded. */
    public JvmSnapshot(long heapUsedKb, long heapCommittedKb, long nonHeapUsedKb, long nonHeapCommittedKb,
                       long directKb, long mappedKb, long gcCount, long gcTimeMs, int threads,
                       Long nmtCommittedKb, Map<String, Long> nmtCategoriesKb, String nmtError) {
        this(heapUsedKb, heapCommittedKb, nonHeapUsedKb, nonHeapCommittedKb, directKb, mappedKb, gcCount, gcTimeMs,
                threads, nmtCommittedKb, nmtCategoriesKb, nmtError, null, null, null);
    }

    /** This snapshot with the heap's resident part and how it was found. */
    public JvmSnapshot withHeapResident(Long kb, String source) {
        return new JvmSnapshot(heapUsedKb, heapCommittedKb, nonHeapUsedKb, nonHeapCommittedKb, directKb, mappedKb,
                gcCount, gcTimeMs, threads, nmtCommittedKb, nmtCategoriesKb, nmtError, kb, source, nmtMallocKb);
    }

    /** A snapshot whose NMT figures, if any, were read without a failure. */
    public JvmSnapshot(long heapUsedKb, long heapCommittedKb, long nonHeapUsedKb, long nonHeapCommittedKb,
                       long directKb, long mappedKb, long gcCount, long gcTimeMs, int threads,
                       Long nmtCommittedKb, Map<String, Long> nmtCategoriesKb) {
        this(heapUsedKb, heapCommittedKb, nonHeapUsedKb, nonHeapCommittedKb, directKb, mappedKb, gcCount, gcTimeMs,
                threads, nmtCommittedKb, nmtCategoriesKb, null, null, null, null);
    }
}
