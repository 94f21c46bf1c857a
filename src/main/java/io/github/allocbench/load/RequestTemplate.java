package io.github.allocbench.load;

import io.github.allocbench.result.RequestShape;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RequestShape} turned into what each send needs, once for the run: one absolute URI per path, the header
 * fields with the {@code Host} header first, and the body's bytes. Setting the Host header and never touching the
 * URI afterwards keeps Jetty from rebuilding and re-parsing it on every request.
 */
final class RequestTemplate {

    private final String method;
    private final List<URI> uris;
    private final List<HttpField> fields;
    private final byte[] body;
    private final String contentType;

    RequestTemplate(URI base, RequestShape shape) {
        this.method = shape.method();
        List<URI> resolved = new ArrayList<>();
        for (String path : shape.paths()) {
            resolved.add(base.resolve(path));
        }
        this.uris = List.copyOf(resolved);
        List<HttpField> all = new ArrayList<>();
        all.add(new HttpField(HttpHeader.HOST, base.getRawAuthority()));
        String type = null;
        for (var header : shape.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                type = header.getValue();
            } else {
                all.add(new HttpField(header.getKey(), header.getValue()));
            }
        }
        this.fields = List.copyOf(all);
        this.body = shape.body() == null ? null : shape.bodyBytes();
        this.contentType = type != null ? type : "application/octet-stream";
    }

    /** The {@code n}-th request (from 0) of connection number {@code connection}. */
    Request newRequest(HttpClient client, int connection, long n) {
        URI uri = uris.get((int) Math.floorMod(connection + n, (long) uris.size()));
        Request request = client.newRequest(uri).method(method).headers(headers -> fields.forEach(headers::put));
        if (body != null) {
            // A content object per request: Jetty reads it while sending, so one cannot serve two requests at once.
            request.body(new BytesRequestContent(contentType, body));
        }
        return request;
    }

    /** The URI of the first path, which names the server's destination. */
    URI firstUri() {
        return uris.get(0);
    }
}
