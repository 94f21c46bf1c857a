package io.github.allocbench.maven;

import io.github.allocbench.allocator.CustomAllocator;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <allocator>} of the {@code customAllocators} parameter: a library to preload under a name of the
 * user's choice, with its environment (e.g. {@code MALLOC_CONF}) and JVM options. Maven fills its fields.
 */
public class AllocatorDefinition {

    /** The name shown in the report; a built-in name (e.g. {@code jemalloc}) replaces that allocator. */
    String name;

    /** The shared object to preload; leave it out for an allocator that only sets environment or JVM options. */
    File library;

    /** Environment variables for the forked server, e.g. {@code <MALLOC_ARENA_MAX>2</MALLOC_ARENA_MAX>}. */
    Map<String, String> environment = new LinkedHashMap<>();

    /** JVM options added after the common {@code jvmArgs} for this allocator only. */
    List<String> jvmArgs = new ArrayList<>();

    /** The allocator this definition describes, checked by the core. */
    CustomAllocator toCustomAllocator() {
        return new CustomAllocator(name, library == null ? null : library.toPath(), environment, jvmArgs);
    }
}
