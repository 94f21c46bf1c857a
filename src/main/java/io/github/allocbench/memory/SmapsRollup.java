package io.github.allocbench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The figures of one reading of {@code /proc/<pid>/smaps_rollup}, in KiB: the proportional set size (shared pages
 * divided among the processes that map them, so a preloaded library is not counted in full) and the private dirty
 * memory (what only this process has written and the kernel cannot drop). Linux has the file since 4.14; on older
 * kernels {@link #read(Path)} finds none and the sampler leaves these figures out. Reading it walks every mapping
 * under the target's memory-map lock (about 3 ms at 340 MB of RSS, growing with it), which is why the sampler reads
 * it less often than {@code status}.
 *
 * @param pssKb          proportional set size
 * @param privateDirtyKb private dirty memory
 */
public record SmapsRollup(long pssKb, long privateDirtyKb) {

    /**
     * The figures in {@code text}, the content of a {@code smaps_rollup} file; empty when it holds no {@code Pss}
     * line, as for a process that is being torn down.
     *
     * @throws IllegalArgumentException quoting the line when a figure is not a size in kB
     */
    public static Optional<SmapsRollup> parse(String text) {
        Long pss = null;
        long privateDirty = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("Pss:")) {
                pss = kilobytes(line);
            } else if (line.startsWith("Private_Dirty:")) {
                privateDirty = kilobytes(line);
            }
        }
        return pss == null ? Optional.empty() : Optional.of(new SmapsRollup(pss, privateDirty));
    }

    /**
     * Reads {@code smaps_rollup} in {@code procDir} (e.g. {@code /proc/4242}) now.
     *
     * @return empty when the kernel has no such file (before Linux 4.14) or it holds no figures
     * @throws IOException when it exists but cannot be read
     */
    public static Optional<SmapsRollup> read(Path procDir) throws IOException {
        try {
            return parse(Files.readString(procDir.resolve("smaps_rollup")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String line) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        if (!value.endsWith(" kB")) {
            throw new IllegalArgumentException("Expected a size in kB in the smaps_rollup line '" + line + "'.");
        }
        try {
            return Long.parseLong(value.substring(0, value.length() - 3).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected a number in the smaps_rollup line '" + line + "'.", e);
        }
    }
}
