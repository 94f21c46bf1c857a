package io.github.allocbench.allocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Proves that a library is mapped into a process by finding it in {@code /proc/<pid>/maps}. {@code LD_PRELOAD} is
 * silently dropped by start scripts and silently ignored when the file is missing, so a preload is only believed once
 * seen here. The kernel writes the file's resolved path, so the library is matched by its real path
 * ({@code libmimalloc.so.2} is a symlink to {@code libmimalloc.so.2.0}) as well as by the path as given.
 */
public final class PreloadCheck {

    private final Path library;
    private final Set<String> acceptedPaths;

    private PreloadCheck(Path library, Set<String> acceptedPaths) {
        this.library = library;
        this.acceptedPaths = acceptedPaths;
    }

    /** A check for {@code library}, resolving its real path now if the file exists. */
    public static PreloadCheck of(Path library) {
        Set<String> accepted = new LinkedHashSet<>();
        Path absolute = library.toAbsolutePath().normalize();
        accepted.add(absolute.toString());
        try {
            accepted.add(absolute.toRealPath().toString());
        } catch (IOException fileGone) {
            // Without the file only the given path can match; a mapping of a since-deleted file still shows it.
        }
        return new PreloadCheck(library, Set.copyOf(accepted));
    }

    /** The library this check looks for. */
    public Path library() {
        return library;
    }

    /**
     * The first line of {@code mapsText} (the content of a {@code /proc/<pid>/maps} file) that maps the library.
     * A line is {@code address perms offset dev inode [pathname]}; the pathname may contain spaces.
     */
    public Optional<String> lineIn(String mapsText) {
        return mapsText.lines().filter(line -> acceptedPaths.contains(pathname(line))).findFirst();
    }

    /**
     * The first line of process {@code pid}'s maps that maps the library.
     *
     * @throws IOException when the maps cannot be read, e.g. the process is gone
     */
    public Optional<String> lineInProcess(long pid) throws IOException {
        return lineIn(Files.readString(Path.of("/proc", Long.toString(pid), "maps")));
    }

    /** Whether process {@code pid} maps the library; {@code false} also when its maps cannot be read. */
    public boolean isMappedIn(long pid) {
        try {
            return lineInProcess(pid).isPresent();
        } catch (IOException unreadable) {
            return false;
        }
    }

    /**
     * Whether {@code library} is mapped into this JVM without having been preloaded into it: this process's own
     * {@code LD_PRELOAD} does not name it, yet its maps show it. Such a library (the C library, one the JVM loads)
     * is mapped in every forked server too, preload or not.
     */
    public static boolean mappedWithoutPreload(Path library) {
        PreloadCheck check = of(library);
        String preloaded = System.getenv().getOrDefault("LD_PRELOAD", "");
        for (String entry : preloaded.split("[:\\s]+")) {
            if (!entry.isEmpty() && check.acceptedPaths.stream().anyMatch(p -> matches(entry, p))) {
                return false;
            }
        }
        return check.isMappedIn(ProcessHandle.current().pid());
    }

    private static boolean matches(String preloadEntry, String acceptedPath) {
        try {
            return Path.of(preloadEntry).toRealPath().toString().equals(acceptedPath)
                    || preloadEntry.equals(acceptedPath);
        } catch (IOException | InvalidPathException e) {
            return preloadEntry.equals(acceptedPath);
        }
    }

    private static String pathname(String line) {
        String rest = line;
        for (int field = 0; field < 5; field++) {
            rest = rest.stripLeading();
            int space = rest.indexOf(' ');
            if (space < 0) {
                return "";
            }
            rest = rest.substring(space);
        }
        return rest.strip();
    }
}
