package io.github.allocbench.bench;

/** Where the bench reports progress; the mojo maps it onto Maven's log, tests onto a list. */
public interface BenchLog {

    void info(String message);

    void warn(String message);
}
