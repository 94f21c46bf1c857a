package io.github.allocbench.handlers;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadHandlersTest {

    private Server server;
    private int port;

    private void start(Handler handler) throws Exception {
        server = new Server(new QueuedThreadPool(16, 16));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<byte[]> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void compressionAnswersAGzippedJsonDocumentOfAFewKilobytes() throws Exception {
        start(new CompressionHandler());
        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(), "/items");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-encoding")).hasValue("gzip");
        String json = gunzip(response.body());
        assertThat(json).startsWith("{\"items\":[{\"id\":0,").endsWith("]}");
        assertThat(json.length()).isBetween(2048, 8192 + 200);
        assertThat(response.body().length).isLessThan(json.length());
    }

    @Test
    void churnMallocsABlockPerRequestAndFreesTheDisplacedOnesFromOtherThreads() throws Exception {
        NativeChurnHandler churn = new NativeChurnHandler();
        start(churn);
        HttpClient client = HttpClient.newHttpClient();
        int requests = 3 * NativeChurnHandler.SLOTS;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (answers.size() == 64) {
                drain(answers);
            }
        }
        drain(answers);

        assertThat(churn.mallocs()).isEqualTo(requests);
        // Each request displaces whatever its slot held: after three rounds nearly every slot was refilled.
        assertThat(churn.frees()).isBetween((long) requests - NativeChurnHandler.SLOTS, (long) requests - 1);
        long live = churn.mallocs() - churn.frees();
        assertThat(churn.liveBytes()).isBetween(live * NativeChurnHandler.MIN_BLOCK,
                live * NativeChurnHandler.MAX_BLOCK);

        server.stop();
        assertThat(churn.liveBytes()).isZero();
        assertThat(churn.frees()).isEqualTo(requests);
    }

    @Test
    void churnAnswersWithTheBlockItAllocated() throws Exception {
        start(new NativeChurnHandler());
        HttpResponse<byte[]> response = get(HttpClient.newHttpClient(), "/");

        assertThat(response.statusCode()).isEqualTo(200);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).matches("\\{\"slot\":\\d+,\"bytes\":\\d+}");
        int bytes = Integer.parseInt(body.replaceAll(".*\"bytes\":(\\d+)}", "$1"));
        assertThat(bytes).isBetween(NativeChurnHandler.MIN_BLOCK, NativeChurnHandler.MAX_BLOCK);
    }

    @Test
    void mixedServesEachOfTheThreeWorkloads() throws Exception {
        start(new MixedHandler());
        HttpClient client = HttpClient.newHttpClient();
        boolean json = false;
        boolean gzip = false;
        boolean churn = false;
        for (int i = 0; i < 300 && !(json && gzip && churn); i++) {
            HttpResponse<byte[]> response = get(client, "/mixed");
            assertThat(response.statusCode()).isEqualTo(200);
            if (response.headers().firstValue("content-encoding").isPresent()) {
                gzip |= gunzip(response.body()).startsWith("{\"items\":");
            } else {
                String body = new String(response.body(), StandardCharsets.UTF_8);
                json |= body.contains("\"greeting\":\"Hello, world!\"");
                churn |= body.startsWith("{\"slot\":");
            }
        }
        assertThat(json).isTrue();
        assertThat(gzip).isTrue();
        assertThat(churn).isTrue();
    }

    private static void drain(List<CompletableFuture<HttpResponse<String>>> answers) {
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.join().statusCode()).isEqualTo(200);
        }
        answers.clear();
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
