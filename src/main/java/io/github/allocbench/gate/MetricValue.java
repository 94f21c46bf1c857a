package io.github.allocbench.gate;

import io.github.allocbench.result.Metric;
import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanDuration;
import io.github.allocbench.units.HumanSize;
import io.github.allocbench.units.Units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes a value of one metric in that metric's unit, so that a limit is written the way the report shows
 * the figure: sizes ({@code 1.8GB}, {@code 300MiB}) for the RSS and VSZ metrics, a rate ({@code 25000} or
 * {@code 25k}) for {@code requestsPerSecond}, a duration ({@code 50ms}, {@code 1s}) for {@code p99Latency} and a
 * percentage ({@code 0.1%}) for {@code errorRate}.
 */
public final class MetricValue {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(k?)\\s*(?:req/s)?");

    private MetricValue() {
    }

    /**
     * The value written in {@code text}, in {@code metric}'s unit (KiB, req/s, ms or %).
     *
     * @param parameter where the text came from, named in the error
     * @throws IllegalArgumentException naming the parameter, the value and the forms this metric accepts
     */
    public static double parse(Metric metric, String parameter, String text) {
        return switch (metric.unit()) {
            case KIB -> HumanSize.parseKib(parameter, text);
            case PER_SECOND -> parseRate(parameter, text);
            case MILLIS -> HumanDuration.parse(parameter, text).toMillis();
            case PERCENT -> HumanSize.parsePercent(parameter, text);
        };
    }

    /** {@code value}, in {@code metric}'s unit, as the report writes it: {@code 1.80 GiB}, {@code 25,000 req/s}. */
    public static String format(Metric metric, double value) {
        return switch (metric.unit()) {
            case KIB -> Units.size(Math.round(value));
            case PER_SECOND -> Units.rate(value) + " req/s";
            case MILLIS -> Units.millis(value);
            case PERCENT -> Units.smallPercent(value);
        };
    }

    /** A difference of two values of {@code metric}, always signed: {@code +113 MiB}, {@code -2,000 req/s}. */
    public static String formatDifference(Metric metric, double difference) {
        String sign = difference < 0 ? "-" : "+";
        return sign + format(metric, Math.abs(difference));
    }

    private static double parseRate(String parameter, String text) {
        Matcher m = text == null ? null : RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new ConfigurationException(parameter + " is '" + text
                    + "', which is not a rate. Write requests per second as a number, optionally with k for "
                    + "thousands: 25000, 25k or 1.5k.");
        }
        double amount = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? amount : amount * 1000;
    }
}
