package io.github.allocbench.allocator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PreloadProofTest {

    private static final String JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
    private static final String MIMALLOC = "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2.0";

    private static final Allocator SYSTEM = new Allocator("system", null, Map.of(), List.of());
    private static final Allocator JEMALLOC_ALLOCATOR = new Allocator("jemalloc", Path.of(JEMALLOC), Map.of(),
            List.of());

    private static String maps(String... libraries) {
        StringBuilder maps = new StringBuilder("55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 1 /usr/bin/java\n");
        for (String library : libraries) {
            maps.append("7f1e2c000000-7f1e2c020000 r-xp 00000000 08:01 42 ").append(library).append('\n');
        }
        return maps.append("7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0 [stack]\n").toString();
    }

    private static String environ(String... variables) {
        return "PATH=/usr/bin\0" + String.join("\0", variables) + "\0";
    }

    @Test
    void systemWithNothingPreloadedIsProven() {
        assertThat(PreloadProof.problem(SYSTEM, 7, environ(), maps("/usr/lib/x86_64-linux-gnu/libc.so.6")))
                .isEmpty();
    }

    @Test
    void systemFailsWhenAnythingIsPreloaded() {
        assertThat(PreloadProof.problem(SYSTEM, 7, environ("LD_PRELOAD=" + JEMALLOC), maps(JEMALLOC)))
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("system: it is meant to run the C library's malloc, but LD_PRELOAD=" + JEMALLOC
                                + " reached it")
                        .contains("but it maps " + JEMALLOC));
    }

    @Test
    void systemFailsWhenAMallocIsMappedWithoutLdPreloadAsFromEtcLdSoPreload() {
        assertThat(PreloadProof.problem(SYSTEM, 7, environ(), maps(MIMALLOC)))
                .hasValueSatisfying(p -> assertThat(p).contains("but it maps " + MIMALLOC)
                        .contains("/etc/ld.so.preload"));
    }

    @Test
    void aPreloadedAllocatorIsProvenWhenOnlyItsLibraryIsMapped() {
        assertThat(PreloadProof.problem(JEMALLOC_ALLOCATOR, 7, environ("LD_PRELOAD=" + JEMALLOC), maps(JEMALLOC)))
                .isEmpty();
    }

    @Test
    void aSecondMallocBesidesThePreloadedOneFails() {
        assertThat(PreloadProof.problem(JEMALLOC_ALLOCATOR, 7, environ("LD_PRELOAD=" + JEMALLOC),
                maps(JEMALLOC, MIMALLOC)))
                .hasValueSatisfying(p -> assertThat(p).contains("besides what it preloads it maps " + MIMALLOC));
    }

    @Test
    void aCustomEnvironmentsLdPreloadMustBeMapped() {
        Allocator custom = new Allocator("mine", null, Map.of("LD_PRELOAD", "/opt/libmine.so"), List.of());

        assertThat(PreloadProof.problem(custom, 7, environ("LD_PRELOAD=/opt/libmine.so"), maps()))
                .hasValue("mine: its LD_PRELOAD names /opt/libmine.so, which is not mapped in /proc/7/maps: the "
                        + "loader ignored it. Check the path in <environment> or remove LD_PRELOAD from it.");
        assertThat(PreloadProof.problem(custom, 7, environ("LD_PRELOAD=/opt/libmine.so"), maps("/opt/libmine.so")))
                .isEmpty();
    }

    @Test
    void ldPreloadIsSplitOnSpacesAndColons() {
        assertThat(PreloadProof.preloads(environ("LD_PRELOAD=/a.so:/b.so  /c.so"))).containsExactly("/a.so", "/b.so",
                "/c.so");
        assertThat(PreloadProof.preloads(environ("NOT_LD_PRELOAD=/a.so"))).isEmpty();
    }

    @Test
    void provesThisProcess() throws IOException {
        // The test JVM runs the C library's malloc unless someone preloaded one into the build.
        assertThat(PreloadProof.problem(SYSTEM, ProcessHandle.current().pid())).isEmpty();
    }

    @Test
    void provesEveryInstalledAllocatorPreloadedIntoARealProcessWithoutFlaggingItsOwnLibrary() throws Exception {
        Path dir = Path.of("/usr/lib/x86_64-linux-gnu");
        for (String name : List.of("libjemalloc.so.2", "libmimalloc.so.2", "libtcmalloc_minimal.so.4")) {
            Path library = dir.resolve(name);
            if (!Files.exists(library)) {
                continue;
            }
            ProcessBuilder builder = new ProcessBuilder("sleep", "60");
            builder.environment().put("LD_PRELOAD", library.toString());
            Process process = builder.start();
            try {
                Allocator allocator = new Allocator(name, library, Map.of(), List.of());
                // The loader maps the preload before sleep's main runs; wait for it, bounded.
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!PreloadCheck.of(library).isMappedIn(process.pid()) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(PreloadProof.problem(allocator, process.pid())).as(name).isEmpty();
                assertThat(PreloadProof.problem(SYSTEM, process.pid())).as(name)
                        .hasValueSatisfying(p -> assertThat(p).contains("LD_PRELOAD=" + library + " reached it"));
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
