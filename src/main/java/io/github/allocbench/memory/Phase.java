package io.github.allocbench.memory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The stage of a run a memory sample was taken in; written lower-case in results files. */
public enum Phase {
    IDLE, RAMP, LOAD, COOLDOWN;

    /** The name used in results.json and samples.csv. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase for a label written by {@link #label()}. */
    @JsonCreator
    public static Phase ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
