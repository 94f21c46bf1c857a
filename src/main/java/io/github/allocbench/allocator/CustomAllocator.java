package io.github.allocbench.allocator;

import io.github.allocbench.units.ConfigurationException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An allocator as the user defines it in {@code <customAllocators><allocator>}: a new name, or a built-in name whose
 * library, environment or JVM options the user wants to change. A {@code null} library keeps the built-in's search
 * for a built-in name and means "no preload" (the C library's malloc with some tuning, e.g. {@code MALLOC_ARENA_MAX})
 * for a new name.
 *
 * @param name        the name users write in {@code allocators}; {@link AllocatorName#ALLOWED}
 * @param library     the shared object to preload, or {@code null}
 * @param environment variables set for the forked JVM on top of the inherited environment
 * @param jvmArgs     JVM options added after the bench's common ones
 */
public record CustomAllocator(String name, Path library, Map<String, String> environment, List<String> jvmArgs) {

    public CustomAllocator {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("An <allocator> has no <name>. Give each allocator a name, e.g. "
                    + "<allocator><name>jemalloc-dev</name><library>/path/to/libjemalloc.so</library></allocator>.");
        }
        name = AllocatorName.require(name.trim());
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
    }

    /** A custom allocator that only names a library. */
    public static CustomAllocator ofLibrary(String name, Path library) {
        return new CustomAllocator(name, library, Map.of(), List.of());
    }
}
