package com.example;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Answers 200, or 500 to everything in a server whose allocator sets ALLOCBENCH_IT_FAIL: one invalid run. */
public class SometimesFailingHandler extends Handler.Abstract.NonBlocking {

    private final boolean fail = System.getenv("ALLOCBENCH_IT_FAIL") != null;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        byte[] body = (fail ? "{\"error\":\"always\"}" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(fail ? 500 : 200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
