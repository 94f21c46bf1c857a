package io.github.allocbench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory figures of one reading of {@code /proc/<pid>/status}, in KiB. Reading this file is cheap (about 0.1 ms)
 * and takes no lock on the target's memory map, unlike {@code smaps_rollup}, so it is what the sampler reads at every
 * tick. A field the kernel does not report (a zombie has no {@code VmRSS}) reads as 0.
 *
 * @param state   the first letter of {@code State}: {@code R}, {@code S}, {@code D}, {@code Z} (zombie), ...
 * @param vmRssKb resident set size
 * @param vmHwmKb peak resident set size ("high water mark")
 * @param vmSizeKb virtual size
 * @param rssAnonKb resident anonymous memory: heap, malloc arenas, thread stacks
 * @param rssFileKb resident file-backed memory: the JVM's and libraries' code, mapped files
 * @param rssShmemKb resident shared memory
 * @param threads the number of threads
 */
public record ProcStatus(char state, long vmRssKb, long vmHwmKb, long vmSizeKb, long rssAnonKb, long rssFileKb,
                         long rssShmemKb, int threads) {

    /** Whether the process has exited and only waits to be reaped, or is being torn down. */
    public boolean isExited() {
        return state == 'Z' || state == 'X';
    }

    /**
     * The figures in {@code text}, the content of a {@code /proc/<pid>/status} file.
     *
     * @throws IllegalArgumentException when a known field's value is not a number
     */
    public static ProcStatus parse(String text) {
        char state = '?';
        long rss = 0, hwm = 0, size = 0, anon = 0, file = 0, shmem = 0;
        int threads = 0;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon)) {
                case "State" -> state = value.isEmpty() ? '?' : value.charAt(0);
                case "VmRSS" -> rss = kilobytes(line, value);
                case "VmHWM" -> hwm = kilobytes(line, value);
                case "VmSize" -> size = kilobytes(line, value);
                case "RssAnon" -> anon = kilobytes(line, value);
                case "RssFile" -> file = kilobytes(line, value);
                case "RssShmem" -> shmem = kilobytes(line, value);
                case "Threads" -> threads = (int) number(line, value);
                default -> {
                    // Other fields are not memory figures we report.
                }
            }
        }
        return new ProcStatus(state, rss, hwm, size, anon, file, shmem, threads);
    }

    /**
     * Reads process {@code pid}'s status now.
     *
     * @throws IOException when it cannot be read; {@link java.nio.file.NoSuchFileException} when the process is gone
     */
    public static ProcStatus read(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    private static long kilobytes(String line, String value) {
        if (!value.endsWith(" kB")) {
            throw new IllegalArgumentException("Expected a size in kB in the /proc status line '" + line + "'.");
        }
        return number(line, value.substring(0, value.length() - 3).strip());
    }

    private static long number(String line, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected a number in the /proc status line '" + line + "'.", e);
        }
    }
}
