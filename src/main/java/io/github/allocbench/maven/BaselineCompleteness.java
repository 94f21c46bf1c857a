package io.github.allocbench.maven;

import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a bench's results would make a partial baseline: the bench was interrupted, or a configured allocator has no
 * completed run. A baseline that silently lacks an allocator lets every later gate skip it and pass.
 */
final class BaselineCompleteness {

    private BaselineCompleteness() {
    }

    /** One phrase per gap; empty when the results are complete. */
    static List<String> gaps(BenchResult result) {
        List<String> gaps = new ArrayList<>();
        if (result.interrupted()) {
            long missing = result.runs().stream().filter(r -> r.status() == RunStatus.INTERRUPTED).count();
            gaps.add("the bench was interrupted (SIGINT or SIGTERM) with " + missing + " planned run(s) unfinished");
        }
        List<String> configured = result.config() == null || result.config().allocators() == null ? List.of()
                : result.config().variants();
        for (String allocator : configured) {
            boolean completed = result.runs().stream()
                    .anyMatch(r -> r.variant().equals(allocator) && r.status() == RunStatus.OK);
            if (!completed) {
                gaps.add("the configured allocator " + allocator + " has no completed run" + why(result, allocator));
            }
        }
        return gaps;
    }

    private static String why(BenchResult result, String allocator) {
        return result.runs().stream().filter(r -> r.variant().equals(allocator)).map(RunResult::status)
                .map(RunStatus::label).findFirst().map(s -> " (" + s + ")").orElse("");
    }
}
