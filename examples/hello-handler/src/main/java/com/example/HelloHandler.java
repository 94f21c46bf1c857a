package com.example;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A small JSON endpoint: {@code GET /?name=Ada} answers {@code {"message":"Hello, Ada","length":3}}. */
public class HelloHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String name = query.getValue("name");
        if (name == null || name.isBlank()) {
            name = "world";
        }
        String json = "{\"message\":\"Hello, " + name.replace("\"", "") + "\",\"length\":" + name.length() + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
