package io.github.allocbench.handlers;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The handler benched when a project names none: it behaves like a small JSON API, so the allocator sees the
 * allocation pattern of a typical endpoint. It splits the path into segments, reads the {@code name} query
 * parameter and answers with a JSON document of a few hundred bytes built for each request.
 */
public class JsonApiHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String[] segments = path.split("/");
        Fields query = Request.extractQueryParameters(request);
        String name = query.getValue("name");
        if (name == null) {
            name = "world";
        }
        StringBuilder json = new StringBuilder(512);
        json.append("{\"greeting\":\"Hello, ").append(escape(name)).append("!\",")
                .append("\"path\":\"").append(escape(path)).append("\",")
                .append("\"segments\":[");
        boolean first = true;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            json.append(first ? "" : ",").append('"').append(escape(segment)).append('"');
            first = false;
        }
        json.append("],\"method\":\"").append(request.getMethod()).append("\",")
                .append("\"time\":\"").append(Instant.now()).append("\",")
                .append("\"items\":[");
        for (int i = 0; i < 5; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":").append(i)
                    .append(",\"label\":\"item-").append(i).append('-').append(escape(name))
                    .append("\",\"score\":").append((name.hashCode() ^ i) & 0xffff).append('}');
        }
        json.append("]}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
