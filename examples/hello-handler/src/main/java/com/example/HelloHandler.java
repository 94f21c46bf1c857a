package com.example;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A small JSON API that compresses its answers, as most production servers do: {@code GET /?name=Ada} answers
 * {@code {"message":"Hello, Ada","greetings":[...]}} with a greeting per language, gzip-compressed when the client
 * sends {@code Accept-Encoding: gzip}. Each compressed answer makes zlib malloc its state (about 256 KiB) natively on
 * the request's thread and free it when the stream closes — the kind of native churn where allocators differ.
 */
public class HelloHandler extends Handler.Abstract.NonBlocking {

    private static final String[] HELLO = {"Hello", "Hallo", "Bonjour", "Hola", "Ciao", "Olá", "Hej", "Ahoj",
        "Cześć", "Merhaba", "Salut", "Tere", "Sveiki", "Labas", "Szia", "Zdravo", "Bok", "Dia dhuit", "Halo", "Kamusta"};

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String name = query.getValue("name");
        if (name == null || name.isBlank()) {
            name = "world";
        }
        byte[] body = greeting(name.replace("\"", "")).getBytes(StandardCharsets.UTF_8);
        String accepts = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (accepts != null && accepts.contains("gzip")) {
            body = gzip(body);
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String greeting(String name) {
        StringBuilder json = new StringBuilder(2048).append("{\"message\":\"Hello, ").append(name)
                .append("\",\"greetings\":[");
        for (int i = 0; i < HELLO.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"language\":").append(i).append(",\"text\":\"")
                    .append(HELLO[i]).append(", ").append(name).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2);
        // GZIPOutputStream owns its Deflater: close() ends it, so zlib's native state is freed on this request.
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
