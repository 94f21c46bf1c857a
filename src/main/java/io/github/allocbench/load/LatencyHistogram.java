package io.github.allocbench.load;

import io.github.allocbench.result.LatencySummary;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Request latencies recorded from many threads at once and summarised as millisecond percentiles. It wraps
 * HdrHistogram's {@link Recorder}, whose recording path takes no lock, so that thousands of completion callbacks a
 * second do not contend; values are kept in microseconds with three significant digits, up to one hour.
 */
final class LatencyHistogram {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);

    /** Records one latency; values beyond an hour are clamped rather than thrown away, so the maximum stays honest. */
    void record(long nanos) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
        recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    /** The percentiles of everything recorded so far, or {@link LatencySummary#NONE} if nothing was. */
    synchronized LatencySummary summary() {
        Histogram histogram = total;
        histogram.add(recorder.getIntervalHistogram());
        if (histogram.getTotalCount() == 0) {
            return LatencySummary.NONE;
        }
        return new LatencySummary(millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
