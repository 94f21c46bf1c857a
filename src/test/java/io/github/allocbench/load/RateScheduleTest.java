package io.github.allocbench.load;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateScheduleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void splitsTheRateEvenlyOverTheConnections() {
        RateSchedule schedule = new RateSchedule(1000, 10, 0);

        // 1,000 req/s over 10 connections: each sends 100 times a second, every 10 ms.
        assertThat(schedule.intervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
    }

    @Test
    void staggersTheFirstSendsOverOneInterval() {
        int connections = 10;
        RateSchedule schedule = new RateSchedule(1000, connections, 5_000);
        Set<Long> firsts = new HashSet<>();
        for (int c = 0; c < connections; c++) {
            long first = schedule.firstSend(c);
            assertThat(first).isBetween(5_000L, 5_000L + schedule.intervalNanos() - 1);
            firsts.add(first);
        }
        // Every connection has its own slot, 1 ms apart: no burst of ten at once.
        assertThat(firsts).hasSize(connections);
        assertThat(schedule.firstSend(1) - schedule.firstSend(0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void intendedSendsOfAllConnectionsAddUpToTheRate() {
        int connections = 7;
        double rate = 350;
        RateSchedule schedule = new RateSchedule(rate, connections, 0);
        long sendsInOneSecond = 0;
        for (int c = 0; c < connections; c++) {
            for (long t = schedule.firstSend(c); t < SECOND; t = schedule.nextSend(t)) {
                sendsInOneSecond++;
            }
        }
        assertThat(sendsInOneSecond).isBetween(349L, 351L);
    }

    @Test
    void fewerRequestsThanConnectionsStillSpreadEvenly() {
        // 100 req/s over 1,000 connections: each connection sends every 10 s, one of them every 10 ms.
        RateSchedule schedule = new RateSchedule(100, 1000, 0);
        assertThat(schedule.intervalNanos()).isEqualTo(10 * SECOND);
        assertThat(schedule.firstSend(999) - schedule.firstSend(998)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
    }

    @Test
    void aRequestThatIsNotDueYetWaitsForItsTime() {
        assertThat(RateSchedule.delay(1_000, 400)).isEqualTo(600);
    }

    @Test
    void aLateRequestGoesAtOnceAndKeepsItsIntendedTime() {
        RateSchedule schedule = new RateSchedule(100, 1, 0);
        long intended = schedule.firstSend(0);
        long interval = schedule.intervalNanos();
        // The previous response came 2.5 intervals late: the connection was busy when this request was due.
        long now = intended + interval * 5 / 2;

        assertThat(RateSchedule.delay(intended, now)).isZero();
        // The schedule does not slide with the late send: the next one is still one interval after the intended time.
        assertThat(schedule.nextSend(intended)).isEqualTo(intended + interval);
    }

    @Test
    void latencyOfALateRequestIncludesItsWaitForTheBusyConnection() {
        long intended = 1_000_000;
        long sent = intended + 40_000_000;  // 40 ms late: the connection was still busy
        long done = sent + 2_000_000;       // the server took 2 ms

        assertThat(RateSchedule.latency(intended, sent, done)).isEqualTo(42_000_000);
    }

    @Test
    void closedLoopLatencyIsFromTheSend() {
        assertThat(RateSchedule.latency(500, 500, 2_500)).isEqualTo(2_000);
    }

    @Test
    void correctedLatenciesShowTheStallInTheHistogram() {
        // One connection at 100 req/s (every 10 ms) and a server that stalls 1 s on the first request, then answers
        // in 1 ms: wrk2's example. Uncorrected, only one slow request of 150 shows; corrected, the ~110 requests that
        // were due during the stall or its catch-up show, with latencies falling from 1 s to a few ms.
        RateSchedule schedule = new RateSchedule(100, 1, 0);
        LatencyHistogram corrected = new LatencyHistogram();
        LatencyHistogram uncorrected = new LatencyHistogram();
        long intended = schedule.firstSend(0);
        long free = 0;
        for (int i = 0; i < 150; i++) {
            long sent = Math.max(intended, free);
            long done = sent + (i == 0 ? SECOND : TimeUnit.MILLISECONDS.toNanos(1));
            corrected.record(RateSchedule.latency(intended, sent, done));
            uncorrected.record(done - sent);
            free = done;
            intended = schedule.nextSend(intended);
        }

        assertThat(uncorrected.summary().p90()).isLessThan(2);
        assertThat(corrected.summary().p50()).isGreaterThan(100);
        assertThat(corrected.summary().max()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void refusesARateThatIsNotAboveZero() {
        assertThatThrownBy(() -> new RateSchedule(0, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate is 0.0");
        assertThatThrownBy(() -> new RateSchedule(Double.NaN, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
