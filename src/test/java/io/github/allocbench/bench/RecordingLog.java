package io.github.allocbench.bench;

import java.util.ArrayList;
import java.util.List;

/** A bench log for tests that keeps every line, prefixed {@code INFO } or {@code WARN } by its level. */
class RecordingLog implements BenchLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    /** Every line logged so far, in order; live, so a test may read it while the bench logs. */
    List<String> lines() {
        return lines;
    }
}
