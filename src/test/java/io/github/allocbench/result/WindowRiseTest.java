package io.github.allocbench.result;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WindowRiseTest {

    /** A window of the example that opened 3 s after the ramp (settle-transient.sh, round 1). */
    private static final List<Long> TRANSIENT = List.of(5638L, 2324L, 6086L, 7280L, 8512L, 10988L, 9842L, 12308L,
            13829L, 14092L);
    /** The same bench with 10 s of settle: flat within this machine's noise (0.91 of the last third). */
    private static final List<Long> SETTLED = List.of(9587L, 9903L, 9838L, 11470L, 12009L, 11261L, 9765L, 12268L,
            10551L, 10767L);
    /** Its second round, still creeping up (0.75) but with the settled p99: not a transient. */
    private static final List<Long> CREEPING = List.of(11222L, 9120L, 11557L, 13474L, 11053L, 11509L, 12838L,
            14951L, 13984L, 15353L);

    @Test
    void aWindowStillClimbingIsFoundWithTheMediansOfItsThirds() {
        WindowRise rise = WindowRise.of(load(TRANSIENT, 10_000)).orElseThrow();

        assertThat(rise.seconds()).isEqualTo(3);
        assertThat(rise.firstRate()).isEqualTo(5638.0);
        assertThat(rise.lastRate()).isEqualTo(13829.0);
        assertThat(rise.figures()).isEqualTo("its first 3 s answered a median 5,638 responses per second, its last "
                + "3 s 13,829 (40.8%)");
    }

    @Test
    void aSettledWindowWithItsNoiseIsNotFlagged() {
        assertThat(WindowRise.of(load(SETTLED, 10_000))).isEmpty();
        assertThat(WindowRise.of(load(CREEPING, 10_000))).isEmpty();
        assertThat(WindowRise.of(load(List.of(4309L, 6046L, 3131L, 7367L, 10739L, 6524L, 9125L, 10452L, 10592L,
                10984L), 10_000))).isPresent();
        assertThat(WindowRise.of(load(ResultFixture.perSecond(20_000), 10_000))).isEmpty();
    }

    @Test
    void aFallingWindowIsTheServersOwnBehaviourNotATransient() {
        List<Long> falling = List.of(14092L, 13829L, 12308L, 9842L, 10988L, 8512L, 7280L, 6086L, 2324L, 5638L);
        assertThat(WindowRise.of(load(falling, 10_000))).isEmpty();
    }

    @Test
    void aWindowTooShortToTellATrendIsNotJudged() {
        assertThat(WindowRise.of(load(List.of(100L, 200L, 300L, 400L, 500L), 5_000))).isEmpty();
        assertThat(WindowRise.of(load(List.of(100L, 100L, 300L, 400L, 500L, 600L), 6_000))).isPresent();
    }

    @Test
    void aTrailingPartialSecondIsLeftOut() {
        // 6.4 s: six whole seconds, flat, then 0.4 s whose few responses must not read as a fall or a rise.
        List<Long> flatThenPartial = List.of(1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 400L);
        assertThat(WindowRise.of(load(flatThenPartial, 6_400))).isEmpty();
        // Six whole seconds climbing, then a partial one: the thirds are seconds 1–2 and 5–6.
        List<Long> climbingThenPartial = List.of(100L, 100L, 500L, 800L, 1000L, 1000L, 400L);
        assertThat(WindowRise.of(load(climbingThenPartial, 6_400)).orElseThrow().lastRate()).isEqualTo(1000.0);
    }

    @Test
    void filesWrittenBeforeTheElapsedWindowUseEveryEntry() {
        assertThat(WindowRise.of(load(TRANSIENT, 0))).isPresent();
        assertThat(WindowRise.of(null)).isEmpty();
        assertThat(WindowRise.of(load(null, 10_000))).isEmpty();
    }

    @Test
    void theAdviceDoublesTheSettleAndAddsAtLeastTenSeconds() {
        assertThat(WindowRise.adviceSentence(3_000)).isEqualTo("Raise settle (3s here), e.g. <settle>13s</settle>, "
                + "until the Throughput per second chart runs flat.");
        assertThat(WindowRise.advice(3_000)).startsWith("raise settle (3s here)").doesNotEndWith(".");
        assertThat(WindowRise.advice(10_000)).contains("(10s here), e.g. <settle>20s</settle>");
        assertThat(WindowRise.advice(0)).contains("(0s here), e.g. <settle>10s</settle>");
    }

    private static LoadResult load(List<Long> perSecond, long elapsedWindowMs) {
        return new LoadResult(10_000, 100_000, 0, Map.of(), 10_000, null, 1_000, perSecond, 0, 1, 1.0, 1, "own",
                100_000, 100_000, 0.0, elapsedWindowMs, null);
    }
}
