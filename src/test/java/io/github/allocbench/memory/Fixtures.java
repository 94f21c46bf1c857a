package io.github.allocbench.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Recorded /proc files and NMT outputs under src/test/resources/io/github/allocbench/memory/. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("No test fixture " + name + " next to " + Fixtures.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
