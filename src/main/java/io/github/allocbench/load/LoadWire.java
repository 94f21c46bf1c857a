package io.github.allocbench.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What the host's {@link LoadFork} and the generator's child JVM agree on: the child's entry point, the prefix of its
 * protocol lines and the JSON mapper for the request shape and the results they exchange.
 */
public final class LoadWire {

    /** The generator's entry point, named here so that the host side never loads child code. */
    public static final String MAIN_CLASS = "io.github.allocbench.child.LoadMain";

    /** What every protocol line starts with. */
    public static final String PREFIX = "allocbench-load-";

    /** The child's exit code when its standard input closed in controlled mode: the JVM that started it is gone. */
    public static final int ORPHANED = 3;

    /** Reads and writes the request shape and the results exchanged between the two JVMs. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private LoadWire() {
    }
}
