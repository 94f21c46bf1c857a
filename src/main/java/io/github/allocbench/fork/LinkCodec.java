package io.github.allocbench.fork;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads {@link LinkMessage}s as single lines starting with {@code ALLOCBENCH }, e.g.
 * {@code ALLOCBENCH READY port=40123 pid=4242}. A failure reason is escaped so that a multi-line message stays one
 * line. Anything else is rejected, naming the line, because a line we do not understand means the two sides are not
 * the same plugin version or something else wrote to the link.
 */
public final class LinkCodec {

    /** The prefix of every line on the link. */
    public static final String PREFIX = "ALLOCBENCH ";

    private static final Pattern READY = Pattern.compile("READY port=(\\d{1,5}) pid=(\\d{1,19})");

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
        }
        throw new IllegalArgumentException("Unknown link message '" + line + "'; expected " + PREFIX
                + "READY port=<port> pid=<pid>, FAILED <reason>, STOP or BYE. The host and the forked server must"
                + " come from the same allocator-maven-plugin version.");
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
