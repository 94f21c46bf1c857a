package io.github.allocbench.fork;

import io.github.allocbench.result.JvmSnapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkCodecTest {

    @Test
    void encodesEachMessageOnOnePrefixedLine() {
        assertThat(LinkCodec.encode(new LinkMessage.Ready(40123, 4242))).isEqualTo("ALLOCBENCH READY port=40123 pid=4242");
        assertThat(LinkCodec.encode(new LinkMessage.Stop())).isEqualTo("ALLOCBENCH STOP");
        assertThat(LinkCodec.encode(new LinkMessage.Trim())).isEqualTo("ALLOCBENCH TRIM");
        assertThat(LinkCodec.encode(new LinkMessage.Trimmed("Not available")))
                .isEqualTo("ALLOCBENCH TRIMMED Not available");
        assertThat(LinkCodec.encode(new LinkMessage.Bye())).isEqualTo("ALLOCBENCH BYE");
        assertThat(LinkCodec.encode(new LinkMessage.Failed("a\nb"))).isEqualTo("ALLOCBENCH FAILED a\\nb");
    }

    @Test
    void decodesWhatItEncodes() {
        for (LinkMessage m : List.of(new LinkMessage.Ready(1, Long.MAX_VALUE), new LinkMessage.Stop(),
                new LinkMessage.Bye(), new LinkMessage.Failed("new X() threw\r\n java.lang.Error: C:\\path\\n"),
                new LinkMessage.Trim(), new LinkMessage.Trimmed("Trim native heap: RSS+Swap: 250M->240M (-10M)"))) {
            String line = LinkCodec.encode(m);
            assertThat(line).doesNotContain("\n", "\r");
            assertThat(LinkCodec.decode(line)).isEqualTo(m);
        }
    }

    @Test
    void theGeneratorsMessagesAreLinesOfTheSameProtocol() {
        assertThat(LinkCodec.encode(new LinkMessage.Warm(null))).isEqualTo("ALLOCBENCH WARM none");
        assertThat(LinkCodec.encode(new LinkMessage.Target(41234))).isEqualTo("ALLOCBENCH TARGET port=41234");
        assertThat(LinkCodec.encode(new LinkMessage.Go())).isEqualTo("ALLOCBENCH GO");
        assertThat(LinkCodec.encode(new LinkMessage.Ramp(10000, 1834)))
                .isEqualTo("ALLOCBENCH RAMP opened=10000 ms=1834");
        assertThat(LinkCodec.encode(new LinkMessage.Second(3, 45123, 9998)))
                .isEqualTo("ALLOCBENCH SECOND n=3 responses=45123 open=9998");
        assertThat(LinkCodec.encode(new LinkMessage.Result("{\"requests\":1}")))
                .isEqualTo("ALLOCBENCH RESULT {\"requests\":1}");
    }

    @Test
    void theGeneratorsMessagesDecodeToWhatWasEncoded() {
        for (LinkMessage m : List.of(new LinkMessage.Warm(null), new LinkMessage.Warm("{\"a\":\"x\\ny\"}"),
                new LinkMessage.Target(65535), new LinkMessage.Go(), new LinkMessage.Ramp(0, Long.MAX_VALUE),
                new LinkMessage.Second(Integer.MAX_VALUE, 0, 1),
                new LinkMessage.Result("{\"errorsByCause\":{\"a b\":1},\"s\":\"line\nbreak\"}"))) {
            String line = LinkCodec.encode(m);
            assertThat(line).doesNotContain("\n", "\r");
            assertThat(LinkCodec.decode(line)).isEqualTo(m);
        }
    }

    @Test
    void telemetryIsNameValueFieldsWithNmtCategoriesUrlEncoded() {
        Map<String, Long> categories = new LinkedHashMap<>();
        categories.put("Java Heap", 2_097_152L);
        categories.put("Other", 131_072L);
        JvmSnapshot snapshot = new JvmSnapshot(500_000, 2_097_152, 60_000, 65_000, 131_072, 0, 42, 310, 83,
                2_500_000L, categories);

        String line = LinkCodec.encode(new LinkMessage.Telemetry(snapshot));

        assertThat(line).isEqualTo("ALLOCBENCH TELEMETRY heapUsedKb=500000 heapCommittedKb=2097152"
                + " nonHeapUsedKb=60000 nonHeapCommittedKb=65000 directKb=131072 mappedKb=0 gcCount=42 gcTimeMs=310"
                + " threads=83 nmtCommittedKb=2500000 nmt.Java+Heap=2097152 nmt.Other=131072");
        assertThat(LinkCodec.decode(line)).isEqualTo(new LinkMessage.Telemetry(snapshot));
    }

    @Test
    void telemetryCarriesTheHeapsResidentPartAndHowItWasFound() {
        JvmSnapshot measured = new JvmSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, null, Map.of())
                .withHeapResident(300_000L, "smaps");
        JvmSnapshot unknown = measured.withHeapResident(null, "unknown: no range for ZGC");

        String line = LinkCodec.encode(new LinkMessage.Telemetry(measured));

        assertThat(line).endsWith(" heapResidentKb=300000 heapResidentSource=smaps");
        assertThat(LinkCodec.decode(line)).isEqualTo(new LinkMessage.Telemetry(measured));
        assertThat(LinkCodec.decode(LinkCodec.encode(new LinkMessage.Telemetry(unknown))))
                .isEqualTo(new LinkMessage.Telemetry(unknown));
    }

    @Test
    void telemetryCarriesNmtsMallocTotalWhenNmtPrintedIt() {
        JvmSnapshot snapshot = new JvmSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, 200_000L, Map.of("GC", 50_000L), null,
                null, null, 13_837L);

        String line = LinkCodec.encode(new LinkMessage.Telemetry(snapshot));

        assertThat(line).endsWith(" nmtCommittedKb=200000 nmt.GC=50000 nmtMallocKb=13837");
        assertThat(LinkCodec.decode(line)).isEqualTo(new LinkMessage.Telemetry(snapshot));
        assertThat(((LinkMessage.Telemetry) LinkCodec.decode(line)).snapshot().nmtMallocKb()).isEqualTo(13_837L);
    }

    @Test
    void telemetryWithoutNmtSaysSo() {
        JvmSnapshot snapshot = new JvmSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, null, Map.of());

        String line = LinkCodec.encode(new LinkMessage.Telemetry(snapshot));

        assertThat(line).endsWith(" threads=9 nmtCommittedKb=-");
        assertThat(LinkCodec.decode(line)).isEqualTo(new LinkMessage.Telemetry(snapshot));
    }

    @Test
    void telemetryCarriesWhyNmtFailed() {
        JvmSnapshot snapshot = new JvmSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, null, Map.of(),
                "NMT's summary could not be asked for: java.lang.IllegalStateException: x = y");

        String line = LinkCodec.encode(new LinkMessage.Telemetry(snapshot));

        assertThat(line).doesNotContain("x = y");
        assertThat(LinkCodec.decode(line)).isEqualTo(new LinkMessage.Telemetry(snapshot));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALLOCBENCH TELEMETRY heapUsedKb=1", "ALLOCBENCH TELEMETRY heapUsedKb=x heapCommittedKb=2"
            + " nonHeapUsedKb=3 nonHeapCommittedKb=4 directKb=5 mappedKb=6 gcCount=7 gcTimeMs=8 threads=9"
            + " nmtCommittedKb=-", "ALLOCBENCH TELEMETRY heapUsedKb=1 heapCommittedKb=2 nonHeapUsedKb=3"
            + " nonHeapCommittedKb=4 directKb=5 mappedKb=6 gcCount=7 gcTimeMs=8 threads=9 nmtCommittedKb=- size=1",
            "ALLOCBENCH TELEMETRY heapUsedKb=1 heapCommittedKb=2 nonHeapUsedKb=3 nonHeapCommittedKb=4 directKb=5"
            + " mappedKb=6 gcCount=7 gcTimeMs=8 threads=9 nmtCommittedKb=- nmt.Other=lots"})
    void rejectsUnreadableTelemetryNamingTheProblem(String line) {
        assertThatThrownBy(() -> LinkCodec.decode(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unreadable telemetry '" + line + "': field '")
                .hasMessageContaining("same allocator-maven-plugin version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"READY port=1 pid=2", "ALLOCBENCH HELLO", "ALLOCBENCH READY port=x pid=2",
            "ALLOCBENCH READY pid=2 port=1", "ALLOCBENCH STOP now", "allocbench STOP", "", "ALLOCBENCH GO now",
            "ALLOCBENCH TARGET port=123456", "ALLOCBENCH TARGET port=",
            "ALLOCBENCH RAMP opened=1", "ALLOCBENCH SECOND n=1 open=2 responses=3", "ALLOCBENCH RESULT"})
    void rejectsAnythingElseQuotingTheLine(String line) {
        assertThatThrownBy(() -> LinkCodec.decode(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown link message '" + line + "'")
                .hasMessageContaining("same allocator-maven-plugin version");
    }
}
