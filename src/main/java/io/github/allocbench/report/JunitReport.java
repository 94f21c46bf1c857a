package io.github.allocbench.report;

import io.github.allocbench.result.AtomicFile;
import io.github.allocbench.result.BenchResult;
import io.github.allocbench.result.CheckResult;
import io.github.allocbench.result.RunResult;
import io.github.allocbench.result.RunStatus;
import io.github.allocbench.result.UnjudgedCheck;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code TEST-allocator-bench.xml}, the bench in the JUnit XML shape that Jenkins' JUnit plugin and GitLab's
 * {@code artifacts:reports:junit} show in their test tabs (their default globs match {@code TEST-*.xml}). One test
 * suite; per run one test case for its outcome (an invalid run fails with its reasons, a broken one is an error, one
 * not attempted is skipped), so a bench without gate rules still shows something; per gate check one test case named
 * {@code <metric> <rule>} under class {@code allocator-bench.<allocator>}, failing with the violation sentence, or
 * skipped with the reasons when an invalid run kept it from being judged.
 */
public final class JunitReport {

    /** The file's name in the output directory. */
    public static final String NAME = "TEST-allocator-bench.xml";

    /** The test suite's name and the prefix of every test case's class name. */
    static final String SUITE = "allocator-bench";

    private enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    private record TestCase(String className, String name, Outcome outcome, String message, String output) {
    }

    private JunitReport() {
    }

    /** Writes the JUnit XML of {@code result} into {@code outputDirectory}, replacing it atomically. */
    public static Path write(BenchResult result, Path outputDirectory) throws IOException {
        Path file = outputDirectory.resolve(NAME);
        AtomicFile.write(file, out -> write(result, out));
        return file;
    }

    /** Writes the JUnit XML of {@code result} to {@code out}. */
    static void write(BenchResult result, Writer out) throws IOException {
        List<TestCase> cases = testCases(result);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", String.valueOf(cases.size()));
            xml.writeAttribute("failures", String.valueOf(count(cases, Outcome.FAILED)));
            xml.writeAttribute("errors", String.valueOf(count(cases, Outcome.ERROR)));
            xml.writeAttribute("skipped", String.valueOf(count(cases, Outcome.SKIPPED)));
            xml.writeAttribute("time", "0");
            for (TestCase c : cases) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", c.className());
                xml.writeAttribute("name", c.name());
                xml.writeAttribute("time", "0");
                String element = switch (c.outcome()) {
                    case FAILED -> "failure";
                    case ERROR -> "error";
                    case SKIPPED -> "skipped";
                    case PASSED -> null;
                };
                if (element != null) {
                    xml.writeStartElement(element);
                    xml.writeAttribute("message", c.message());
                    xml.writeCharacters(c.message());
                    xml.writeEndElement();
                }
                if (c.output() != null) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(c.output());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML: " + e.getMessage(), e);
        }
    }

    private static List<TestCase> testCases(BenchResult result) {
        boolean showTrial = result.config() != null && result.config().trials() > 1
                || result.runs().stream().anyMatch(r -> r.trial() > 1);
        List<TestCase> cases = new ArrayList<>();
        for (RunResult run : result.runs()) {
            cases.add(runCase(run, showTrial));
        }
        for (CheckResult check : result.checks()) {
            String message = check.message() == null ? check.metric() + " " + check.rule() : check.message();
            cases.add(new TestCase(className(check.allocator()), check.metric() + " " + check.rule(),
                    check.passed() ? Outcome.PASSED : Outcome.FAILED, message, check.passed() ? message : null));
        }
        for (UnjudgedCheck check : result.unjudgedChecks()) {
            cases.add(new TestCase(className(check.allocator()), check.name(), Outcome.SKIPPED,
                    "Not judged, because " + String.join("; ", check.reasons()) + ".", null));
        }
        return cases;
    }

    private static TestCase runCase(RunResult run, boolean showTrial) {
        String name = showTrial ? "run #" + run.trial() : "run";
        String className = className(run.variant());
        String why = run.failure() == null ? "no reason recorded" : run.failure();
        if (run.status() == RunStatus.SKIPPED) {
            return new TestCase(className, name, Outcome.SKIPPED, "Skipped: " + why, null);
        }
        if (run.status() != RunStatus.OK) {
            return new TestCase(className, name, Outcome.ERROR, "The run " + run.status().label() + ": " + why
                    + (run.exitCode() == null ? "" : " (exit code " + run.exitCode() + ")"), null);
        }
        if (run.validity() != null && !run.validity().valid()) {
            return new TestCase(className, name, Outcome.FAILED, "The run is invalid, so it is neither ranked nor "
                    + "judged: " + String.join("; ", run.validity().reasons()) + ".", null);
        }
        return new TestCase(className, name, Outcome.PASSED, null, "The run completed and measured what it claims.");
    }

    private static String className(String allocator) {
        return SUITE + "." + allocator;
    }

    private static long count(List<TestCase> cases, Outcome outcome) {
        return cases.stream().filter(c -> c.outcome() == outcome).count();
    }
}
