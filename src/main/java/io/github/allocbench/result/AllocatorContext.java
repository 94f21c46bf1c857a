package io.github.allocbench.result;

import java.util.List;
import java.util.Map;

/**
 * What one allocator of a bench really was, so a reader can tell which build and which settings a figure belongs to:
 * the preloaded library, the package it came from with its version, and the allocator settings the forked server saw
 * (its own environment on top of the malloc variables inherited from the build's environment) and its JVM options.
 *
 * @param library     the preloaded file as resolved on disk, or {@code null} for the C library's own malloc
 * @param packageName the distribution package owning the library with its version (e.g. {@code libjemalloc2
 *                    5.3.0-1}), or {@code null} when no package database says
 * @param environment allocator variables the forked server saw ({@code MALLOC_*}, {@code GLIBC_TUNABLES},
 *                    {@code MIMALLOC_*}, {@code TCMALLOC_*}, {@code JE_MALLOC_CONF})
 * @param jvmArgs     JVM options the allocator added
 */
public record AllocatorContext(String library, String packageName, Map<String, String> environment,
                               List<String> jvmArgs) {

    public AllocatorContext {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
    }
}
