package io.github.allocbench.handlers;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class JsonApiHandlerTest {

    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new JsonApiHandler());
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void answersWithAJsonDocumentOfAFewHundredBytesBuiltFromPathAndQuery() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/42/orders?name=Ada%22x"))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        String body = response.body();
        assertThat(body).contains("\"greeting\":\"Hello, Ada\\\"x!\"")
                .contains("\"segments\":[\"users\",\"42\",\"orders\"]")
                .contains("\"label\":\"item-4-Ada\\\"x\"")
                .startsWith("{").endsWith("}");
        assertThat(body.length()).isBetween(200, 1000);
    }

    @Test
    void greetsTheWorldWithoutAName() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("\"greeting\":\"Hello, world!\"").contains("\"segments\":[]");
    }
}
