package io.github.allocbench.fork;

import io.github.allocbench.result.JvmSnapshot;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads {@link LinkMessage}s as single lines starting with {@code ALLOCBENCH }, e.g.
 * {@code ALLOCBENCH READY port=40123 pid=4242}, for the forked server and the load generator alike. A failure reason
 * and a JSON payload are escaped so that a multi-line message stays one
 * line. Telemetry is {@code TELEMETRY} and {@code name=value} fields: the JVM figures, {@code nmtCommittedKb=-} when
 * NMT is off, one {@code nmt.<category>=<KiB>} per NMT category, the category URL-encoded
 * ({@code nmt.Java+Heap=2097152}), and {@code nmtMallocKb} when NMT printed its malloc total. Anything else is
 * rejected, naming the line, because a line we do not understand means the two sides are not the same plugin version
 * or something else wrote to the link.
 */
public final class LinkCodec {

    /** The prefix of every line on the link. */
    public static final String PREFIX = "ALLOCBENCH ";

    private static final Pattern READY = Pattern.compile("READY port=(\\d{1,5}) pid=(\\d{1,19})");
    private static final Pattern RAMP = Pattern.compile("RAMP opened=(\\d{1,10}) ms=(\\d{1,19})");
    private static final Pattern TARGET = Pattern.compile("TARGET port=(\\d{1,5})");
    private static final Pattern SECOND =
            Pattern.compile("SECOND n=(\\d{1,10}) responses=(\\d{1,19}) open=(\\d{1,10})");
    private static final String NO_WARM_UP = "none";
    private static final String TELEMETRY = "TELEMETRY";
    private static final String NMT_CATEGORY = "nmt.";
    /** Optional: why NMT's summary was not read although NMT is on. */
    private static final String NMT_ERROR = "nmtError";
    /** Optional: the heap's resident part and how it was found (or why it is unknown). */
    private static final String HEAP_RESIDENT = "heapResidentKb";
    private static final String HEAP_RESIDENT_SOURCE = "heapResidentSource";
    /** Optional: NMT's malloc total. */
    private static final String NMT_MALLOC = "nmtMallocKb";
    private static final List<String> TELEMETRY_FIELDS = List.of("heapUsedKb", "heapCommittedKb", "nonHeapUsedKb",
            "nonHeapCommittedKb", "directKb", "mappedKb", "gcCount", "gcTimeMs", "threads", "nmtCommittedKb");

    private LinkCodec() {
    }

    /** The line for {@code message}, without the line terminator. */
    public static String encode(LinkMessage message) {
        String body;
        if (message instanceof LinkMessage.Ready ready) {
            body = "READY port=" + ready.port() + " pid=" + ready.pid();
        } else if (message instanceof LinkMessage.Failed failed) {
            body = "FAILED " + escape(failed.reason());
        } else if (message instanceof LinkMessage.Stop) {
            body = "STOP";
        } else if (message instanceof LinkMessage.Bye) {
            body = "BYE";
        } else if (message instanceof LinkMessage.Trim) {
            body = "TRIM";
        } else if (message instanceof LinkMessage.Trimmed trimmed) {
            body = "TRIMMED " + escape(trimmed.report());
        } else if (message instanceof LinkMessage.Telemetry telemetry) {
            body = encodeTelemetry(telemetry.snapshot());
        } else if (message instanceof LinkMessage.Warm warm) {
            body = "WARM " + (warm.resultJson() == null ? NO_WARM_UP : escape(warm.resultJson()));
        } else if (message instanceof LinkMessage.Target target) {
            body = "TARGET port=" + target.port();
        } else if (message instanceof LinkMessage.Go) {
            body = "GO";
        } else if (message instanceof LinkMessage.Ramp ramp) {
            body = "RAMP opened=" + ramp.connectionsOpened() + " ms=" + ramp.rampMs();
        } else if (message instanceof LinkMessage.Second second) {
            body = "SECOND n=" + second.second() + " responses=" + second.responses() + " open="
                    + second.openConnections();
        } else if (message instanceof LinkMessage.Result result) {
            body = "RESULT " + escape(result.resultJson());
        } else {
            throw new IllegalArgumentException("No encoding for " + message + "; add it to LinkCodec.");
        }
        return PREFIX + body;
    }

    /**
     * The message on {@code line}.
     *
     * @throws IllegalArgumentException quoting the line when it is not a message of this protocol
     */
    public static LinkMessage decode(String line) {
        if (line.startsWith(PREFIX)) {
            String body = line.substring(PREFIX.length());
            Matcher ready = READY.matcher(body);
            if (ready.matches()) {
                return new LinkMessage.Ready(Integer.parseInt(ready.group(1)), Long.parseLong(ready.group(2)));
            }
            if (body.startsWith("FAILED ")) {
                return new LinkMessage.Failed(unescape(body.substring("FAILED ".length())));
            }
            if (body.equals("STOP")) {
                return new LinkMessage.Stop();
            }
            if (body.equals("BYE")) {
                return new LinkMessage.Bye();
            }
            if (body.equals("TRIM")) {
                return new LinkMessage.Trim();
            }
            if (body.startsWith("TRIMMED ")) {
                return new LinkMessage.Trimmed(unescape(body.substring("TRIMMED ".length())));
            }
            if (body.startsWith("WARM ")) {
                String json = body.substring("WARM ".length());
                return new LinkMessage.Warm(json.equals(NO_WARM_UP) ? null : unescape(json));
            }
            if (body.equals("GO")) {
                return new LinkMessage.Go();
            }
            Matcher target = TARGET.matcher(body);
            if (target.matches()) {
                return new LinkMessage.Target(Integer.parseInt(target.group(1)));
            }
            Matcher ramp = RAMP.matcher(body);
            if (ramp.matches()) {
                return new LinkMessage.Ramp(Integer.parseInt(ramp.group(1)), Long.parseLong(ramp.group(2)));
            }
            Matcher second = SECOND.matcher(body);
            if (second.matches()) {
                return new LinkMessage.Second(Integer.parseInt(second.group(1)), Long.parseLong(second.group(2)),
                        Integer.parseInt(second.group(3)));
            }
            if (body.startsWith("RESULT ")) {
                return new LinkMessage.Result(unescape(body.substring("RESULT ".length())));
            }
            if (body.startsWith(TELEMETRY + " ")) {
                return new LinkMessage.Telemetry(decodeTelemetry(line, body.substring(TELEMETRY.length() + 1)));
            }
        }
        throw new IllegalArgumentException("Unknown link message '" + line + "'; expected " + PREFIX
                + "READY port=<port> pid=<pid>, FAILED <reason>, TELEMETRY <name=value...>, TRIM, TRIMMED <report>,"
                + " STOP, BYE, TARGET port=<port>, WARM <json>|none, GO, RAMP opened=<n> ms=<ms>,"
                + " SECOND n=<n> responses=<n> open=<n> or RESULT <json>. The host and the forked child must come from"
                + " the same allocator-maven-plugin version.");
    }

    private static String encodeTelemetry(JvmSnapshot s) {
        StringBuilder body = new StringBuilder(TELEMETRY);
        long[] values = {s.heapUsedKb(), s.heapCommittedKb(), s.nonHeapUsedKb(), s.nonHeapCommittedKb(),
                s.directKb(), s.mappedKb(), s.gcCount(), s.gcTimeMs(), s.threads()};
        for (int i = 0; i < values.length; i++) {
            body.append(' ').append(TELEMETRY_FIELDS.get(i)).append('=').append(values[i]);
        }
        body.append(" nmtCommittedKb=").append(s.nmtCommittedKb() == null ? "-" : s.nmtCommittedKb());
        s.nmtCategoriesKb().forEach((category, kb) -> body.append(' ').append(NMT_CATEGORY)
                .append(URLEncoder.encode(category, StandardCharsets.UTF_8)).append('=').append(kb));
        if (s.nmtError() != null) {
            body.append(' ').append(NMT_ERROR).append('=')
                    .append(URLEncoder.encode(s.nmtError(), StandardCharsets.UTF_8));
        }
        if (s.nmtMallocKb() != null) {
            body.append(' ').append(NMT_MALLOC).append('=').append(s.nmtMallocKb());
        }
        if (s.heapResidentKb() != null) {
            body.append(' ').append(HEAP_RESIDENT).append('=').append(s.heapResidentKb());
        }
        if (s.heapResidentSource() != null) {
            body.append(' ').append(HEAP_RESIDENT_SOURCE).append('=')
                    .append(URLEncoder.encode(s.heapResidentSource(), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static JvmSnapshot decodeTelemetry(String line, String fields) {
        Map<String, String> values = new HashMap<>();
        Map<String, Long> categories = new LinkedHashMap<>();
        String nmtError = null;
        Long heapResident = null;
        String heapResidentSource = null;
        Long nmtMalloc = null;
        for (String field : fields.split(" ")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw garbled(line, "field '" + field + "' is not name=value");
            }
            String name = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (name.startsWith(NMT_CATEGORY)) {
                categories.put(URLDecoder.decode(name.substring(NMT_CATEGORY.length()), StandardCharsets.UTF_8),
                        number(line, name, value));
            } else if (name.equals(NMT_ERROR)) {
                nmtError = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } else if (name.equals(NMT_MALLOC)) {
                nmtMalloc = number(line, name, value);
            } else if (name.equals(HEAP_RESIDENT)) {
                heapResident = number(line, name, value);
            } else if (name.equals(HEAP_RESIDENT_SOURCE)) {
                heapResidentSource = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } else if (!TELEMETRY_FIELDS.contains(name) || values.put(name, value) != null) {
                throw garbled(line, "field '" + name + "' is unknown or repeated");
            }
        }
        for (String name : TELEMETRY_FIELDS) {
            if (!values.containsKey(name)) {
                throw garbled(line, "field '" + name + "' is missing");
            }
        }
        String nmt = values.get("nmtCommittedKb");
        return new JvmSnapshot(number(line, "heapUsedKb", values.get("heapUsedKb")),
                number(line, "heapCommittedKb", values.get("heapCommittedKb")),
                number(line, "nonHeapUsedKb", values.get("nonHeapUsedKb")),
                number(line, "nonHeapCommittedKb", values.get("nonHeapCommittedKb")),
                number(line, "directKb", values.get("directKb")), number(line, "mappedKb", values.get("mappedKb")),
                number(line, "gcCount", values.get("gcCount")), number(line, "gcTimeMs", values.get("gcTimeMs")),
                (int) number(line, "threads", values.get("threads")),
                nmt.equals("-") ? null : number(line, "nmtCommittedKb", nmt), categories, nmtError, heapResident,
                heapResidentSource, nmtMalloc);
    }

    private static long number(String line, String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw garbled(line, "field '" + name + "' is not a number");
        }
    }

    private static IllegalArgumentException garbled(String line, String problem) {
        return new IllegalArgumentException("Unreadable telemetry '" + line + "': " + problem + ". The host and the"
                + " forked server must come from the same allocator-maven-plugin version.");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
