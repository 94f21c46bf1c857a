package io.github.allocbench.allocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proves that a forked server runs the allocator it is named for and no other: every library its
 * {@code LD_PRELOAD} names is mapped (a custom allocator's {@code <environment>} can set one that the loader then
 * ignores), and a server meant to run the C library's malloc maps no replacement allocator at all, whether it came
 * through {@code LD_PRELOAD} or {@code /etc/ld.so.preload}. The truth is read from the process itself:
 * {@code /proc/<pid>/environ} for what the loader was told, {@code /proc/<pid>/maps} for what it did.
 */
public final class PreloadProof {

    /** File-name stems of libraries that replace malloc; one of them in a server that preloads nothing is stray. */
    static final List<String> MALLOC_LIBRARIES = List.of("libjemalloc", "libmimalloc", "libtcmalloc", "libhoard",
            "libsnmalloc", "librpmalloc");

    private PreloadProof() {
    }

    /**
     * Why process {@code pid} does not run {@code allocator} as named, or empty when it does.
     *
     * @throws IOException when the process's files cannot be read, e.g. it is gone
     */
    public static Optional<String> problem(Allocator allocator, long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        String environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
        return problem(allocator, pid, environ, Files.readString(proc.resolve("maps")));
    }

    /**
     * Why a process with {@code environ} (its {@code /proc/<pid>/environ}: NUL-separated) and {@code maps} (its
     * {@code /proc/<pid>/maps}) does not run {@code allocator} as named, or empty when it does.
     */
    static Optional<String> problem(Allocator allocator, long pid, String environ, String maps) {
        List<String> problems = new ArrayList<>();
        List<String> preloads = preloads(environ);
        for (String entry : preloads) {
            if (PreloadCheck.of(Path.of(entry)).lineIn(maps).isEmpty()) {
                problems.add("its LD_PRELOAD names " + entry + ", which is not mapped in /proc/" + pid + "/maps: the "
                        + "loader ignored it. Check the path in <environment> or remove LD_PRELOAD from it");
            }
        }
        List<PreloadCheck> claimed = claimed(allocator);
        List<String> foreign = mallocLibraries(maps, claimed);
        if (claimed.isEmpty() && !preloads.isEmpty()) {
            problems.add("it is meant to run the C library's malloc, but LD_PRELOAD=" + String.join(" ", preloads)
                    + " reached it");
        }
        if (!foreign.isEmpty()) {
            problems.add(!claimed.isEmpty()
                    ? "besides what it preloads it maps " + String.join(", ", foreign)
                    + ", another malloc; check /etc/ld.so.preload and the allocator's <environment>"
                    : "it is meant to run the C library's malloc, but it maps " + String.join(", ", foreign)
                    + "; check /etc/ld.so.preload, LD_PRELOAD and the allocator's <environment>");
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(allocator.name() + ": " + String.join("; ", problems) + ".");
    }

    /** The entries of {@code LD_PRELOAD} in {@code environ}, which the loader splits on spaces and colons. */
    static List<String> preloads(String environ) {
        for (String variable : environ.split("\0")) {
            if (variable.startsWith("LD_PRELOAD=")) {
                return List.of(variable.substring("LD_PRELOAD=".length()).split("[ :]+")).stream()
                        .filter(e -> !e.isBlank()).toList();
            }
        }
        return List.of();
    }

    /** What {@code allocator} means to preload: its library and what its own environment's LD_PRELOAD names. */
    private static List<PreloadCheck> claimed(Allocator allocator) {
        List<PreloadCheck> claimed = new ArrayList<>();
        if (allocator.preloads()) {
            claimed.add(PreloadCheck.of(allocator.library()));
        }
        String own = allocator.environment().get("LD_PRELOAD");
        if (own != null) {
            preloads("LD_PRELOAD=" + own).forEach(entry -> claimed.add(PreloadCheck.of(Path.of(entry))));
        }
        return claimed;
    }

    /** Mapped files of malloc-replacing libraries that {@code claimed} does not account for, each named once. */
    private static List<String> mallocLibraries(String maps, List<PreloadCheck> claimed) {
        List<String> found = new ArrayList<>();
        for (String line : maps.lines().toList()) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash).strip();
            String file = Path.of(path).getFileName().toString();
            boolean malloc = MALLOC_LIBRARIES.stream().anyMatch(file::startsWith);
            boolean accounted = claimed.stream().anyMatch(c -> c.lineIn(line).isPresent());
            if (malloc && !accounted && !found.contains(path)) {
                found.add(path);
            }
        }
        return found;
    }
}
