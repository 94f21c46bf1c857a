package io.github.allocbench.handlers;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Workload {@code compression}: every response gzip-compressed by a fresh {@code java.util.zip} deflater, as servlet
 * gzip filters and Jetty's own {@code GzipHandler} without a pool do. zlib's state (about 256 KiB of window, hash
 * chains and pending buffer for the default level) is malloc'd natively when the stream is created and freed when it
 * closes, so each request makes a few large short-lived native allocations on its own thread. The body is a JSON
 * list of 2–8 KiB, regenerated per request so it compresses realistically.
 */
public class CompressionHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        byte[] body = gzip(document(ThreadLocalRandom.current().nextInt(2048, 8192)));
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    static byte[] document(int bytes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder json = new StringBuilder(bytes + 128).append("{\"items\":[");
        for (int i = 0; json.length() < bytes; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i)
                    .append(",\"sku\":\"SKU-").append(random.nextInt(100_000))
                    .append("\",\"price\":").append(random.nextInt(1, 100_000) / 100.0)
                    .append(",\"inStock\":").append(random.nextBoolean()).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3);
        // GZIPOutputStream owns its Deflater, so close() calls end() and zlib's state is freed on this request.
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
