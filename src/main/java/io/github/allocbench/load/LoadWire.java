package io.github.allocbench.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What the host's {@link LoadFork} and the generator's child JVM agree on beyond {@link LoadArgs} and the link: the
 * JSON mapper for the request shape and the results they exchange, and the child's exit code when the host is gone.
 */
public final class LoadWire {

    /** The child's exit code when its link closed: the JVM that started it is gone. */
    public static final int ORPHANED = 3;

    /** Reads and writes the request shape and the results exchanged between the two JVMs. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private LoadWire() {
    }
}
