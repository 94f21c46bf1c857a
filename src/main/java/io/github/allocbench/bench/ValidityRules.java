package io.github.allocbench.bench;

import io.github.allocbench.units.ConfigurationException;
import io.github.allocbench.units.HumanSize;

/**
 * The bounds a run must stay within to count as a measurement of the load asked for, beyond those the bench's own
 * settings imply (connections, rate, sample interval): the {@code maxErrorRate} parameter, already parsed.
 *
 * @param maxErrorRatePercent the highest error rate, in percent of the requests, a valid run may have
 */
public record ValidityRules(double maxErrorRatePercent) {

    /** The default of {@code maxErrorRate}: 1 %. */
    public static final ValidityRules DEFAULT = new ValidityRules(1.0);

    public ValidityRules {
        if (Double.isNaN(maxErrorRatePercent) || maxErrorRatePercent < 0 || maxErrorRatePercent > 100) {
            throw new ConfigurationException("maxErrorRate is " + maxErrorRatePercent + "%, but it must be between "
                    + "0% and 100%. Set <maxErrorRate> (or -Dallocbench.maxErrorRate) to e.g. 1%.");
        }
    }

    /**
     * The rules with {@code maxErrorRate} written as {@code text}, e.g. {@code 1%}.
     *
     * @throws ConfigurationException when the text is not a percentage from 0% to 100%
     */
    public static ValidityRules parse(String text) {
        if (!HumanSize.isPercent(text)) {
            throw new ConfigurationException("maxErrorRate is '" + text + "', which is not a percentage. Write a "
                    + "number and a percent sign, e.g. <maxErrorRate>1%</maxErrorRate>.");
        }
        return new ValidityRules(HumanSize.parsePercent("maxErrorRate", text));
    }
}
