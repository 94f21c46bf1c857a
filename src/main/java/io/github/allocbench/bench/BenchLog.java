package io.github.allocbench.bench;

/** Where the bench reports progress; the mojo maps it onto Maven's log, tests onto a list. */
public interface BenchLog {

    void info(String message);

    void warn(String message);

    /** A failed check that fails the build; a log without an error level shows it as a warning. */
    default void error(String message) {
        warn(message);
    }
}
