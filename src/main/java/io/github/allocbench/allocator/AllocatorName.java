package io.github.allocbench.allocator;

import io.github.allocbench.units.ConfigurationException;

import java.util.regex.Pattern;

/**
 * The characters an allocator name may have. A name becomes part of file names (the run's log, its argument file),
 * so a name such as {@code ../../pwned} would write outside the output directory; names are refused before they are
 * used, with the allowed characters in the message.
 */
public final class AllocatorName {

    /** The allowed names, in words, for error messages and documentation. */
    public static final String ALLOWED = "letters a-z and A-Z, digits 0-9, '.', '_' and '-', starting with a letter "
            + "or digit, at most 64 characters";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private AllocatorName() {
    }

    /**
     * Returns {@code name} when it is safe as part of a file name.
     *
     * @throws ConfigurationException naming the value, what is allowed and an example
     */
    public static String require(String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new ConfigurationException("Allocator name '" + name + "' is not allowed: names become file "
                    + "names, so they may only use " + ALLOWED + ", e.g. jemalloc-dev or mimalloc_2.1.");
        }
        return name;
    }
}
