package io.github.allocbench.units;

/**
 * A setting the user gave cannot work, and the message says which and how to fix it: the one exception the Maven
 * adapter turns into a BUILD FAILURE (the user must act) rather than a BUILD ERROR (the measurement broke). It lives
 * in {@code units}, the bottom layer, because every layer validates settings of its own and all may throw it. It
 * extends {@link IllegalArgumentException} so callers that validate arguments keep working; the adapter routes on
 * this type only, never on an {@code IllegalArgumentException} from Jetty, Jackson or the JDK.
 */
public class ConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A bad setting, described with its fix. */
    public ConfigurationException(String message) {
        super(message);
    }

    /** A bad setting, described with its fix, found while reading it with {@code cause}. */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
