package io.github.allocbench.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sizes and percentages the way users type them: {@code 512MB}, {@code 1.5GB}, {@code 300MiB}, {@code 800KB},
 * {@code 10%}. Every size unit is binary, whether written with or without the {@code i}: {@code KB} = {@code KiB} =
 * 1024 bytes, {@code MB} = {@code MiB} = 2<sup>20</sup>, {@code GB} = {@code GiB} = 2<sup>30</sup>, {@code TB} =
 * {@code TiB} = 2<sup>40</sup>. That is how {@code /proc}, {@code ps} and {@code top} count (their "kB" is 1024 bytes)
 * and how the report prints sizes, so a limit of {@code 300MB} reads back as {@code 300 MiB}. A size needs a unit:
 * a bare number could be bytes or KiB.
 */
public final class HumanSize {

    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    /** The forms named in every error, so the user sees what to write instead. */
    public static final String SIZE_FORMS = "512MB, 1.5GB, 300MiB or 800KB (KB, MB, GB are binary: the same as KiB, "
            + "MiB, GiB)";

    private HumanSize() {
    }

    /**
     * The size written in {@code text}, in KiB.
     *
     * @param parameter the parameter the text came from, named in the error
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static double parseKib(String parameter, String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new ConfigurationException(parameter + " is '" + text
                    + "', which is not a size. Write a number and a unit: " + SIZE_FORMS + ".");
        }
        double amount = Double.parseDouble(m.group(1));
        return switch (m.group(2).charAt(0)) {
            case 'b' -> amount / 1024;
            case 'k' -> amount;
            case 'm' -> amount * 1024;
            case 'g' -> amount * 1024 * 1024;
            default -> amount * 1024 * 1024 * 1024;
        };
    }

    /** Whether {@code text} is written as a percentage, e.g. {@code 10%}. */
    public static boolean isPercent(String text) {
        return text != null && text.trim().endsWith("%");
    }

    /**
     * The percentage written in {@code text}: {@code 10%} is 10.0.
     *
     * @param parameter the parameter the text came from, named in the error
     * @throws IllegalArgumentException naming the parameter, the value and the accepted forms
     */
    public static double parsePercent(String parameter, String text) {
        Matcher m = text == null ? null : PERCENT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new ConfigurationException(parameter + " is '" + text
                    + "', which is not a percentage. Write a number and a percent sign: 10%, 0.1%.");
        }
        return Double.parseDouble(m.group(1));
    }
}
