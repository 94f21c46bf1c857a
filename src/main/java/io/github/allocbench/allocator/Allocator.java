package io.github.allocbench.allocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A way to run the server's native memory allocation: a library to preload (or none, for the C library's own
 * malloc), the environment variables it needs, and the JVM options that belong to it.
 *
 * @param name        the name users write in {@code allocators}, e.g. {@code jemalloc}
 * @param library     the shared object to preload, or {@code null} when nothing is preloaded
 * @param environment variables set for the forked JVM on top of the inherited environment
 * @param jvmArgs     JVM options this allocator adds after the bench's common ones
 */
public record Allocator(String name, Path library, Map<String, String> environment, List<String> jvmArgs) {

    public Allocator {
        environment = Map.copyOf(environment);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** Whether this allocator is a library that must be preloaded (and its preload proven). */
    public boolean preloads() {
        return library != null;
    }
}
