package io.github.allocbench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The stage of a run a memory sample was taken in; written lower-case in results files. {@code WARMUP} is an
 * unmeasured load on the fresh server, so that its request path is compiled before anything is measured; the
 * {@code IDLE} phase after it is the baseline that retained memory is measured from.
 */
public enum Phase {
    WARMUP, IDLE, RAMP, LOAD, COOLDOWN;

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
