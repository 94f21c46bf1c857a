package io.github.allocbench.allocator;

import io.github.allocbench.units.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns an allocator name into an {@link Allocator}: the built-ins {@code system}, {@code jemalloc}, {@code mimalloc}
 * and {@code tcmalloc}, whose libraries are looked up in the usual library directories, the glibc profiles
 * {@code glibc-arena2} ({@code MALLOC_ARENA_MAX=2}) and {@code glibc-trim} ({@code -XX:TrimNativeHeapInterval=1000}),
 * the return-to-OS profiles {@code jemalloc-return}, {@code mimalloc-return} and {@code tcmalloc-return}, plus the
 * allocators the user defines, which extend the built-ins or override them. A built-in whose library is not installed,
 * or whose JVM options the running JVM refuses, resolves to {@link Resolution.Missing} with the fix, so a
 * bench can skip it and say why.
 */
public final class AllocatorCatalog {

    /** The name of the C library's own malloc, which preloads nothing. */
    public static final String SYSTEM = "system";

    /** glibc's malloc with at most two arenas, instead of up to 8 per core: less retained memory, more contention. */
    public static final String GLIBC_ARENA2 = "glibc-arena2";
    /** glibc's malloc with the JVM calling {@code malloc_trim} every second, giving retained free memory back. */
    public static final String GLIBC_TRIM = "glibc-trim";

    /** jemalloc tuned to give memory back: a background purging thread and short decay times. */
    public static final String JEMALLOC_RETURN = "jemalloc-return";
    /** mimalloc tuned to give memory back: freed pages purged at once rather than after a delay. */
    public static final String MIMALLOC_RETURN = "mimalloc-return";
    /** tcmalloc tuned to give memory back: free pages released to the OS ten times as fast. */
    public static final String TCMALLOC_RETURN = "tcmalloc-return";

    private static final List<String> JEMALLOC = List.of("libjemalloc.so.2");
    private static final String JEMALLOC_HINT = "Debian/Ubuntu: apt-get install libjemalloc2;"
            + " Fedora/RHEL: dnf install jemalloc; Alpine: apk add jemalloc";
    // The versioned name first: libmimalloc.so is the development symlink, present only with -dev packages.
    private static final List<String> MIMALLOC = List.of("libmimalloc.so.2", "libmimalloc.so");
    private static final String MIMALLOC_HINT = "Debian/Ubuntu: apt-get install libmimalloc2.0;"
            + " Fedora/RHEL: dnf install mimalloc; Alpine: apk add mimalloc2";
    // The minimal library first: the full one carries the heap profiler, which is not what we compare.
    private static final List<String> TCMALLOC = List.of("libtcmalloc_minimal.so.4", "libtcmalloc.so.4");
    private static final String TCMALLOC_HINT = "Debian/Ubuntu: apt-get install libtcmalloc-minimal4"
            + " (libtcmalloc-minimal4t64 on Ubuntu 24.04); Fedora/RHEL: dnf install gperftools-libs;"
            + " Alpine: apk add gperftools";

    private static final List<BuiltIn> BUILT_INS = List.of(
            new BuiltIn(SYSTEM, List.of(), ""),
            new BuiltIn(GLIBC_ARENA2, List.of(), "", Map.of("MALLOC_ARENA_MAX", "2"), List.of()),
            // Experimental in some JDK 17 and 21 updates, a product option from JDK 22: unlocking does no harm.
            new BuiltIn(GLIBC_TRIM, List.of(), "-XX:TrimNativeHeapInterval exists from JDK 17.0.9, 21.0.1 and 22 on;"
                    + " run Maven on such a JDK (JAVA_HOME)", Map.of(),
                    List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=1000")),
            new BuiltIn("jemalloc", JEMALLOC, JEMALLOC_HINT),
            // A background thread purges on a timer, so memory goes back while the server idles, not at its next
            // allocation; dirty pages decay in 1 s instead of 10 s, muzzy ones at once.
            new BuiltIn(JEMALLOC_RETURN, JEMALLOC, JEMALLOC_HINT, Map.of("MALLOC_CONF",
                    "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0"), List.of()),
            new BuiltIn("mimalloc", MIMALLOC, MIMALLOC_HINT),
            // PURGE_DELAY is mimalloc 2.1's name for 2.0's DECOMMIT_DELAY (which 2.1 still reads): set both so the
            // profile means the same on Debian 12's 2.0.9 and on newer releases.
            new BuiltIn(MIMALLOC_RETURN, MIMALLOC, MIMALLOC_HINT,
                    Map.of("MIMALLOC_PURGE_DELAY", "0", "MIMALLOC_DECOMMIT_DELAY", "0"), List.of()),
            new BuiltIn("tcmalloc", TCMALLOC, TCMALLOC_HINT),
            // gperftools' release rate defaults to 1; 10 is its documented most aggressive useful setting.
            new BuiltIn(TCMALLOC_RETURN, TCMALLOC, TCMALLOC_HINT, Map.of("TCMALLOC_RELEASE_RATE", "10"), List.of()));

    private final List<Path> searchDirs;
    private final Map<String, CustomAllocator> custom;
    private final JvmOptionProbe jvmOptionProbe;

    /** A catalog searching the usual directories of this machine, without user-defined allocators. */
    public AllocatorCatalog() {
        this(defaultSearchDirs(), List.of());
    }

    /**
     * A catalog searching {@code searchDirs} in order, with the user's allocators, checking JVM options against the
     * running JVM (whose {@code java} the forked servers run).
     *
     * @param custom user-defined allocators; one with a built-in's name overrides that built-in
     * @throws ConfigurationException when two custom allocators share a name
     */
    public AllocatorCatalog(List<Path> searchDirs, Collection<CustomAllocator> custom) {
        this(searchDirs, custom, JvmOptionProbe.of(Path.of(System.getProperty("java.home"), "bin", "java")));
    }

    /**
     * A catalog searching {@code searchDirs} in order, with the user's allocators, asking {@code jvmOptionProbe}
     * whether the forked servers' JVM accepts a built-in's JVM options.
     *
     * @param custom user-defined allocators; one with a built-in's name overrides that built-in
     * @throws ConfigurationException when two custom allocators share a name
     */
    public AllocatorCatalog(List<Path> searchDirs, Collection<CustomAllocator> custom, JvmOptionProbe jvmOptionProbe) {
        this.searchDirs = List.copyOf(searchDirs);
        this.jvmOptionProbe = jvmOptionProbe;
        Map<String, CustomAllocator> byName = new LinkedHashMap<>();
        for (CustomAllocator c : custom) {
            if (byName.put(c.name(), c) != null) {
                throw new ConfigurationException("Two <allocator> entries are named '" + c.name()
                        + "'. Give each a different <name>.");
            }
        }
        this.custom = byName;
    }

    /** The usual library directories for the running JVM's architecture, most specific first. */
    public static List<Path> defaultSearchDirs() {
        return searchDirsFor(System.getProperty("os.arch", ""));
    }

    /** The usual library directories for {@code osArch} (as in the {@code os.arch} property), most specific first. */
    public static List<Path> searchDirsFor(String osArch) {
        List<Path> dirs = new ArrayList<>();
        multiarchTriplet(osArch).ifPresent(triplet -> dirs.add(Path.of("/usr/lib", triplet)));
        for (String dir : List.of("/usr/lib64", "/usr/lib", "/usr/local/lib", "/lib64", "/lib")) {
            dirs.add(Path.of(dir));
        }
        return List.copyOf(dirs);
    }

    private static Optional<String> multiarchTriplet(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of("x86_64-linux-gnu");
            case "aarch64", "arm64" -> Optional.of("aarch64-linux-gnu");
            default -> Optional.empty();
        };
    }

    /** The directories this catalog searches, in order. */
    public List<Path> searchDirs() {
        return searchDirs;
    }

    /** Every name {@link #resolve(String)} accepts, sorted. */
    public List<String> names() {
        TreeSet<String> names = BUILT_INS.stream().map(BuiltIn::name).collect(Collectors.toCollection(TreeSet::new));
        names.addAll(custom.keySet());
        return List.copyOf(names);
    }

    /**
     * The allocator called {@code name}, or why it cannot run here.
     *
     * @throws ConfigurationException when the name is neither built in nor user-defined, listing the known names
     *                                  and how to define a new one
     */
    public Resolution resolve(String name) {
        String key = name == null ? "" : name.trim();
        Optional<BuiltIn> builtIn = BUILT_INS.stream().filter(b -> b.name().equals(key)).findFirst();
        CustomAllocator def = custom.get(key);
        if (def == null && builtIn.isEmpty()) {
            throw new ConfigurationException("Unknown allocator '" + name + "'. Known allocators: "
                    + String.join(", ", names())
                    + ". To bench another one, define it: <customAllocators><allocator><name>" + key
                    + "</name><library>/path/to/lib" + key + ".so</library></allocator></customAllocators>.");
        }
        if (def != null && def.library() != null) {
            return customLibrary(def);
        }
        // A user's definition of a built-in name adds to the built-in's environment and options, and wins on conflict.
        Map<String, String> env = new LinkedHashMap<>(builtIn.map(BuiltIn::environment).orElse(Map.of()));
        List<String> jvmArgs = new ArrayList<>(builtIn.map(BuiltIn::jvmArgs).orElse(List.of()));
        if (def != null) {
            env.putAll(def.environment());
            jvmArgs.addAll(def.jvmArgs());
        }
        if (builtIn.isPresent() && !builtIn.get().jvmArgs().isEmpty()) {
            Optional<String> refused = jvmOptionProbe.rejection(builtIn.get().jvmArgs());
            if (refused.isPresent()) {
                return new Resolution.Missing(key, key + ": this JVM does not accept "
                        + String.join(" ", builtIn.get().jvmArgs()) + " (" + refused.get() + "). "
                        + builtIn.get().installHint() + " or leave " + key + " out of <allocators>.");
            }
        }
        if (builtIn.isEmpty() || builtIn.get().libraries().isEmpty()) {
            return new Resolution.Available(new Allocator(key, null, env, jvmArgs));
        }
        BuiltIn b = builtIn.get();
        return find(b.libraries())
                .<Resolution>map(lib -> new Resolution.Available(new Allocator(key, lib, env, jvmArgs)))
                .orElseGet(() -> new Resolution.Missing(key, key + ": " + String.join(" or ", b.libraries())
                        + " not found in " + searchDirs.stream().map(Path::toString).collect(Collectors.joining(", "))
                        + ". Install it (" + b.installHint() + ") or set <library> for this allocator."));
    }

    /**
     * A library the user named by path. Unlike a built-in that is not installed, a path the user typed is a promise:
     * when it is wrong the configuration is wrong. A library that a JVM maps without any preload (the C library,
     * libpthread, libz ...) would be "proven" in every run whatever LD_PRELOAD did, so it proves nothing.
     */
    private static Resolution customLibrary(CustomAllocator def) {
        Path lib = def.library().toAbsolutePath().normalize();
        if (!Files.isRegularFile(lib)) {
            throw new ConfigurationException("Allocator '" + def.name() + "': <library> " + lib
                    + " does not exist or is not a file. Fix <library> of this allocator, install the library there,"
                    + " or leave '" + def.name() + "' out of <allocators> and <customAllocators>.");
        }
        if (PreloadCheck.mappedWithoutPreload(lib)) {
            throw new ConfigurationException("Allocator '" + def.name() + "': <library> " + lib
                    + " is already mapped in a JVM started without LD_PRELOAD (it is the C library or one the JVM"
                    + " loads itself), so preloading it changes nothing and its presence in /proc/<pid>/maps proves"
                    + " nothing. Name the allocator's own shared object, e.g. /usr/lib/x86_64-linux-gnu/"
                    + "libjemalloc.so.2; to bench the C library's malloc, use the built-in 'system'.");
        }
        return new Resolution.Available(new Allocator(def.name(), lib, def.environment(), def.jvmArgs()));
    }

    private Optional<Path> find(List<String> fileNames) {
        // Name before directory: the preferred file wins wherever it is installed.
        for (String fileName : fileNames) {
            for (Path dir : searchDirs) {
                Path candidate = dir.resolve(fileName);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private record BuiltIn(String name, List<String> libraries, String installHint, Map<String, String> environment,
                           List<String> jvmArgs) {

        BuiltIn(String name, List<String> libraries, String installHint) {
            this(name, libraries, installHint, Map.of(), List.of());
        }
    }
}
