package io.github.allocbench.units;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes durations the way users type them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
public final class HumanDuration {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private HumanDuration() {
    }

    /**
     * The duration written in {@code text}.
     *
     * @param parameter the parameter the text came from, named in the error
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static Duration parse(String parameter, String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new ConfigurationException(parameter + " is '" + text
                    + "', which is not a duration. Write a number and a unit: 500ms, 10s, 2m or 1h.");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** The shortest exact form: {@code 10s}, {@code 1500ms}, {@code 2m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
