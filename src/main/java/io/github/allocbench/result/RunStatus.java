package io.github.allocbench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How one run of one allocator ended. */
public enum RunStatus {
    /** The server ran, its preload (if any) was proven and the load completed. */
    OK,
    /** The run broke; {@link RunResult#failure()} says why. */
    FAILED,
    /** The run was not attempted, e.g. because the allocator's library is not installed. */
    SKIPPED,
    /** The bench was interrupted (SIGINT, SIGTERM) before this planned run finished; nothing of it is kept. */
    INTERRUPTED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
