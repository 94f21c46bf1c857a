package io.github.allocbench.report;

import io.github.allocbench.result.ResultFixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class JunitReportTest {

    /** A test case as the file holds it: class, name, and its one outcome element and message, if any. */
    private record Case(String className, String name, String outcome, String message) {
    }

    @Test
    void writesOneCasePerRunAndPerCheckWithTheViolationSentenceAsTheFailure(@TempDir Path dir) throws Exception {
        Path file = JunitReport.write(CiFixture.result(), dir);

        assertThat(file).isEqualTo(dir.resolve("TEST-allocator-bench.xml"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("allocator-bench");
        assertThat(suite.getAttribute("tests")).isEqualTo("8");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("2");
        assertThat(cases(xml)).containsExactly(
                new Case("allocator-bench.system", "run #1", null, null),
                new Case("allocator-bench.jemalloc", "run #1", "skipped", "Skipped: "
                        + ResultFixture.JEMALLOC_HINT),
                new Case("allocator-bench.mimalloc", "run #1", "error", "The run failed: "
                        + ResultFixture.MIMALLOC_FAILURE + " (exit code 137)"),
                new Case("allocator-bench.tcmalloc", "run #1", null, null),
                new Case("allocator-bench.tcmalloc", "run #2", "failure", "The run is invalid, so it is neither "
                        + "ranked nor judged: " + CiFixture.INVALID + "."),
                new Case("allocator-bench.system", "peakNativeRss maximum", "failure", CiFixture.VIOLATION),
                new Case("allocator-bench.tcmalloc", "peakNativeRss maximum", null, null),
                new Case("allocator-bench.mimalloc", "errorRate maximum", "skipped",
                        "Not judged, because mimalloc trial 1 failed."));
    }

    private static List<Case> cases(Document xml) {
        List<Case> cases = new ArrayList<>();
        NodeList nodes = xml.getElementsByTagName("testcase");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element c = (Element) nodes.item(i);
            String outcome = null;
            String message = null;
            for (String tag : List.of("failure", "error", "skipped")) {
                NodeList found = c.getElementsByTagName(tag);
                if (found.getLength() > 0) {
                    outcome = tag;
                    message = ((Element) found.item(0)).getAttribute("message");
                    assertThat(found.item(0).getTextContent()).isEqualTo(message);
                }
            }
            cases.add(new Case(c.getAttribute("classname"), c.getAttribute("name"), outcome, message));
        }
        return cases;
    }
}
