package io.github.allocbench.result;

import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.Median;
import io.github.allocbench.units.Units;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A measured window that opened before the load had settled: its throughput was still climbing, so its req/s and
 * latency describe a start-up transient (a server's heap filling with the state of its connections, JIT compilers
 * at work) rather than the steady state. Found from the responses of each whole second of the window: the median of
 * its first third below {@link #MAX_SHARE} of the median of its last third. Windows of the example on a 2-core
 * machine ran at 0.41 of that when they opened 3 s after the ramp, at 0.75 and 0.91 after the default 10 s. A window
 * that falls rather than rises is the server's own behaviour under load and is not flagged here.
 *
 * @param seconds   the whole seconds in each third
 * @param firstRate the median responses per second over the window's first third
 * @param lastRate  the median responses per second over its last third
 */
public record WindowRise(int seconds, double firstRate, double lastRate) {

    /** A first third answering less than this share of the last third's rate was still in the transient. */
    public static final double MAX_SHARE = 0.60;
    /** Thirds of fewer whole seconds than this window's are too short to tell a trend from one slow second. */
    static final int MIN_SECONDS = 6;

    /** The rise in {@code load}'s window, or empty when it was flat, falling, or too short to tell. */
    public static Optional<WindowRise> of(LoadResult load) {
        if (load == null || load.perSecond() == null) {
            return Optional.empty();
        }
        List<Long> perSecond = load.perSecond();
        // The window's trailing entry covers only part of a second when the window is not whole seconds long.
        int whole = load.elapsedWindowMs() > 0
                ? (int) Math.min(perSecond.size(), load.elapsedWindowMs() / 1000) : perSecond.size();
        if (whole < MIN_SECONDS) {
            return Optional.empty();
        }
        int third = whole / 3;
        double first = Median.of(perSecond.subList(0, third));
        double last = Median.of(perSecond.subList(whole - third, whole));
        return last > 0 && first < MAX_SHARE * last ? Optional.of(new WindowRise(third, first, last))
                : Optional.empty();
    }

    /** Whether {@code run}'s measured window was still climbing. */
    public static boolean climbed(RunResult run) {
        return of(run.load()).isPresent();
    }

    /** Whether a valid, completed run of {@code variant} among {@code runs} had a window still climbing. */
    public static boolean anyClimbing(List<RunResult> runs, String variant) {
        return runs.stream().anyMatch(run -> run.variant().equals(variant) && run.isJudgeable() && climbed(run));
    }

    /**
     * One clause per valid, completed run of {@code variant} among {@code runs} whose window was still climbing, e.g.
     * {@code trial 2's measured window opened before the load had settled (its first 3 s answered ...)}.
     */
    public static List<String> climbingTrials(List<RunResult> runs, String variant) {
        List<String> climbing = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.variant().equals(variant) && run.isJudgeable()) {
                of(run.load()).ifPresent(rise -> climbing.add("trial " + run.trial() + "'s measured window opened "
                        + "before the load had settled (" + rise.figures() + ")"));
            }
        }
        return climbing;
    }

    /** The first third's rate in percent of the last third's. */
    public double percent() {
        return 100 * firstRate / lastRate;
    }

    /** The figures, e.g. {@code its first 3 s answered a median 5,638 responses per second, its last 3 s 13,829}. */
    public String figures() {
        return "its first " + seconds + " s answered a median " + Units.rate(firstRate) + " responses per second, "
                + "its last " + seconds + " s " + Units.rate(lastRate) + " (" + Units.percent(percent()) + ")";
    }

    /**
     * What to do about a rise in a bench that settled for {@code settleMs}, as a clause: a longer {@code settle}, the
     * current one doubled and at least 10 s more.
     */
    public static String advice(long settleMs) {
        Duration suggested = Duration.ofMillis(Math.max(2 * settleMs, settleMs + 10_000));
        return "raise settle (" + HumanDuration.format(Duration.ofMillis(settleMs)) + " here), e.g. <settle>"
                + HumanDuration.format(suggested) + "</settle>, until the Throughput per second chart runs flat";
    }

    /** {@link #advice(long)} as a sentence of its own. */
    public static String adviceSentence(long settleMs) {
        return "R" + advice(settleMs).substring(1) + ".";
    }
}
