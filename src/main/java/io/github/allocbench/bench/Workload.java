package io.github.allocbench.bench;

import io.github.allocbench.units.ConfigurationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in workloads a project can bench without writing a handler, each a handler in package
 * {@code io.github.allocbench.handlers} that doubles as an example. Named by class name, not by class, because the
 * handlers run in the forked server and nothing on the host side links against them.
 */
public enum Workload {
    /** A small JSON API: heap garbage only, little native allocation. */
    JSON("io.github.allocbench.handlers.JsonApiHandler"),
    /** A fresh gzip deflater per response: large short-lived native allocations on the request's thread. */
    COMPRESSION("io.github.allocbench.handlers.CompressionHandler"),
    /** Native blocks of 512 B–256 KiB kept in a shared ring and freed by other threads. */
    CHURN("io.github.allocbench.handlers.NativeChurnHandler"),
    /** Each request one of the three above at random. */
    MIXED("io.github.allocbench.handlers.MixedHandler");

    private final String handlerClass;

    Workload(String handlerClass) {
        this.handlerClass = handlerClass;
    }

    /** The name users write: {@code json}, {@code compression}, {@code churn}, {@code mixed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The handler class the forked server runs for this workload. */
    public String handlerClass() {
        return handlerClass;
    }

    /**
     * The handler to bench given the project's {@code handler} and {@code workload} settings, either of which may be
     * blank: the project's handler, else the named workload's, else {@code null} for the default.
     *
     * @throws ConfigurationException when both are set, or the workload is unknown
     */
    public static String handlerFor(String handler, String workload) {
        boolean hasHandler = handler != null && !handler.isBlank();
        if (workload == null || workload.isBlank()) {
            return hasHandler ? handler : null;
        }
        if (hasHandler) {
            throw new ConfigurationException("both handler '" + handler + "' and workload '" + workload
                    + "' are set, but a bench runs one handler. Drop <workload> to bench your handler, or drop"
                    + " <handler> to bench the built-in workload.");
        }
        return named(workload).handlerClass();
    }

    /** The workload of that name, case-insensitive. */
    public static Workload named(String name) {
        for (Workload workload : values()) {
            if (workload.label().equalsIgnoreCase(name.trim())) {
                return workload;
            }
        }
        throw new ConfigurationException("workload '" + name + "' is unknown. Use one of: "
                + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", ")) + ".");
    }
}
