package io.github.allocbench.result;

/**
 * The JDK a forked server ran on, as the JVM itself reported it (not as the configuration named it), so that a run
 * says which Java it measured.
 *
 * @param label    the name that tells this JDK from the others of a bench on several JDKs, e.g. {@code jdk25}; it
 *                 joins the allocator's name in the run's {@linkplain RunResult#variant() variant}. {@code null} when
 *                 the bench ran on one JDK
 * @param javaHome the JDK's home directory ({@code java.home} of the server's JVM)
 * @param version  {@code java.version} of the server's JVM, e.g. {@code 25.0.1}
 * @param vendor   {@code java.vendor} of the server's JVM, e.g. {@code Eclipse Adoptium}
 */
public record RunJdk(String label, String javaHome, String version, String vendor) {

    /** The JDK's feature release, e.g. {@code 25} for {@code 25.0.1} or {@code 8} for {@code 1.8.0_402}. */
    public String feature() {
        if (version == null || version.isEmpty()) {
            return "?";
        }
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? v : v.substring(0, end);
    }

    /** The {@link #label()} of this JDK in a bench on several JDKs. */
    public RunJdk withLabel(String newLabel) {
        return new RunJdk(newLabel, javaHome, version, vendor);
    }
}
