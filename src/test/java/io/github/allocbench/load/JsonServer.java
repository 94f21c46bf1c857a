package io.github.allocbench.load;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** A Jetty server on 127.0.0.1 that answers every request with a small JSON body, for driving the generator. */
final class JsonServer implements AutoCloseable {

    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    private final Server server;
    private final ServerConnector connector;

    private JsonServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts a server with a fixed thread pool and the accept queue the bench uses, on a free port. */
    static JsonServer start(int threads, int status, int port) throws Exception {
        return start(threads, port, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
    }

    /** Starts a server like {@link #start(int, int, int)} that runs {@code handler}, for tests that watch requests. */
    static JsonServer start(int threads, int port, Handler handler) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setName("json-server");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return new JsonServer(server, connector);
    }

    /**
     * A handler that answers like {@link #ok} and adds {@code "METHOD /path?query X-Bench-header body"} of every
     * request to {@code seen}, for tests of the request shape.
     */
    static Handler recording(Set<String> seen) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                seen.add(request.getMethod() + " " + request.getHttpURI().getPathQuery() + " "
                        + request.getHeaders().get("X-Bench") + " "
                        + Content.Source.asString(request, StandardCharsets.UTF_8));
                ok(response, callback);
                return true;
            }
        };
    }

    /** Answers 200 with the small JSON body, as the default handler does. */
    static void ok(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(BODY), callback);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
