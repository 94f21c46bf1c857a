package io.github.allocbench.memory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeapResidencyTest {

    private static final String G1 = """
             garbage-first heap   total 262144K, used 4265K [0x00000000f0000000, 0x0000000100000000)
              region size 1024K, 4 young (4096K), 0 survivors (0K)
             Metaspace       used 2928K, committed 3072K, reserved 1114112K
              class space    used 324K, committed 384K, reserved 1048576K
            """;

    private static final String PARALLEL = """
             PSYoungGen      total 76288K, used 6553K [0x00000000fab00000, 0x0000000100000000, 0x0000000100000000)
              eden space 65536K, 10% used [0x00000000fab00000,0x00000000fb1667a8,0x00000000feb00000)
             ParOldGen       total 175104K, used 0K [0x00000000f0000000, 0x00000000fab00000, 0x00000000fab00000)
              object space 175104K, 0% used [0x00000000f0000000,0x00000000f0000000,0x00000000fab00000)
            """;

    private static final String SMAPS = """
            55d0c0a00000-55d0c0a01000 r-xp 00000000 08:01 123   /usr/bin/java
            Size:                  4 kB
            Rss:                   4 kB
            f0000000-f8000000 rw-p 00000000 00:00 0
            Size:             131072 kB
            Rss:               40960 kB
            f8000000-100000000 rw-p 00000000 00:00 0
            Size:             131072 kB
            Rss:                1024 kB
            7f0000000000-7f0000021000 rw-p 00000000 00:00 0
            Size:                132 kB
            Rss:                 132 kB
            """;

    @Test
    void aFixedPreTouchedHeapIsResidentAsCommitted() {
        assertThat(HeapResidency.preTouched(true, 2L << 30, 2L << 30)).isTrue();
        assertThat(HeapResidency.preTouched(true, 256L << 20, 2L << 30)).isFalse();
        assertThat(HeapResidency.preTouched(false, 2L << 30, 2L << 30)).isFalse();
    }

    @Test
    void readsTheHeapRangeOfG1() {
        assertThat(HeapResidency.heapRanges(G1))
                .containsExactly(new HeapResidency.Range(0xf0000000L, 0x100000000L));
    }

    @Test
    void readsBothGenerationsOfParallelAndNotTheirSpaces() {
        assertThat(HeapResidency.heapRanges(PARALLEL)).containsExactly(
                new HeapResidency.Range(0xfab00000L, 0x100000000L), new HeapResidency.Range(0xf0000000L, 0xfab00000L));
    }

    /** JDK 25 prints the top-level lines without JDK 17's leading space. */
    private static final String G1_JDK25 = """
            garbage-first heap   total reserved 262144K, committed 262144K, used 10234K [0x00000000f0000000, \
            0x0000000100000000)
             region size 1024K, 6 young (6144K), 3 survivors (3072K)
             Metaspace       used 11130K, committed 11392K, reserved 1114112K
            """;

    private static final String SERIAL_JDK25 = """
            DefNew     total 78656K, used 37843K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
             eden space 69952K,  54% used [0x00000000f0000000, 0x00000000f24f4f28, 0x00000000f4450000)
            Tenured    total 174784K, used 1166K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
             the  space 174784K,   0% used [0x00000000f5550000, 0x00000000f5673ab8, 0x0000000100000000)
            """;

    @Test
    void readsTheTopLevelRangesOfJdk25sUnindentedOutput() {
        assertThat(HeapResidency.heapRanges(G1_JDK25))
                .containsExactly(new HeapResidency.Range(0xf0000000L, 0x100000000L));
        assertThat(HeapResidency.heapRanges(SERIAL_JDK25)).containsExactly(
                new HeapResidency.Range(0xf0000000L, 0xf5550000L), new HeapResidency.Range(0xf5550000L, 0x100000000L));
    }

    @Test
    void aCollectorWithoutRangesHasNone() {
        assertThat(HeapResidency.heapRanges(" ZHeap           used 6M, capacity 256M, max capacity 256M\n")).isEmpty();
    }

    @Test
    void sumsTheResidentPagesOfTheMappingsInsideTheHeapOnly() {
        long kb = HeapResidency.residentKb(SMAPS, HeapResidency.heapRanges(G1));

        assertThat(kb).isEqualTo(40_960 + 1_024);
    }

    @Test
    void nothingIsResidentOutsideAnyRange() {
        assertThat(HeapResidency.residentKb(SMAPS, List.of(new HeapResidency.Range(0x1000, 0x2000)))).isZero();
    }
}
