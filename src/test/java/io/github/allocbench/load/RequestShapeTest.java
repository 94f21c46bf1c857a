package io.github.allocbench.load;

import io.github.allocbench.result.RequestShape;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestShapeTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080/");

    @Test
    void defaultIsOneGetOfTheRoot() {
        assertThat(RequestShape.DEFAULT.method()).isEqualTo("GET");
        assertThat(RequestShape.DEFAULT.paths()).containsExactly("/");
        assertThat(RequestShape.DEFAULT.headers()).isEmpty();
        assertThat(RequestShape.DEFAULT.body()).isNull();
        assertThat(new RequestShape(null, null, null, "")).isEqualTo(RequestShape.DEFAULT);
        assertThat(new RequestShape(" ", List.of(" "), Map.of(), null)).isEqualTo(RequestShape.DEFAULT);
    }

    @Test
    void normalisesTheMethodToUpperCase() {
        assertThat(new RequestShape("post", List.of("/"), Map.of(), null).method()).isEqualTo("POST");
    }

    @Test
    void refusesBadValuesNamingTheParameter() {
        assertThatThrownBy(() -> new RequestShape("GE T", List.of("/"), Map.of(), null))
                .hasMessageContaining("requestMethod is 'GE T'").hasMessageContaining("<requestMethod>");
        assertThatThrownBy(() -> new RequestShape("GET", List.of("api"), Map.of(), null))
                .hasMessageContaining("requestPaths contains 'api'").hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> new RequestShape("GET", List.of("/a b"), Map.of(), null))
                .hasMessageContaining("requestPaths contains '/a b'");
        assertThatThrownBy(() -> new RequestShape("GET", List.of("//evil.example/"), Map.of(), null))
                .hasMessageContaining("requestPaths");
        assertThatThrownBy(() -> new RequestShape("GET", List.of("/"), Map.of("Bad Name", "x"), null))
                .hasMessageContaining("requestHeaders has the header name 'Bad Name'");
        assertThatThrownBy(() -> new RequestShape("GET", List.of("/"), Map.of("Host", "example.com"), null))
                .hasMessageContaining("requestHeaders sets Host");
        assertThatThrownBy(() -> new RequestShape("GET", List.of("/"), Map.of("X-A", "1\r\nX-B: 2"), null))
                .hasMessageContaining("line break");
    }

    @Test
    void eachConnectionCyclesThroughThePathsFromItsOwnStart() throws Exception {
        RequestTemplate template = new RequestTemplate(BASE,
                new RequestShape("GET", List.of("/a", "/b?x=1", "/c"), Map.of(), null));
        HttpClient client = new HttpClient();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            first.add(pathAndQuery(template.newRequest(client, 0, n)));
            second.add(pathAndQuery(template.newRequest(client, 1, n)));
        }

        assertThat(first).containsExactly("/a", "/b?x=1", "/c", "/a");
        assertThat(second).containsExactly("/b?x=1", "/c", "/a", "/b?x=1");
    }

    @Test
    void carriesMethodHeadersHostAndBody() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        RequestTemplate template = new RequestTemplate(BASE,
                new RequestShape("PUT", List.of("/items/1"), headers, "{\"n\":1}"));

        Request request = template.newRequest(new HttpClient(), 0, 0);

        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getHeaders().get(HttpHeader.HOST)).isEqualTo("127.0.0.1:8080");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getBody().getContentType()).isEqualTo("application/json");
        assertThat(request.getBody().getLength()).isEqualTo(7);
        // A content object per request, since Jetty consumes it while sending.
        assertThat(template.newRequest(new HttpClient(), 0, 1).getBody()).isNotSameAs(request.getBody());
        assertThat(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(
                new RequestShape("PUT", List.of("/"), Map.of(), "{\"n\":1}").bodyBytes())).toString())
                .isEqualTo("{\"n\":1}");
    }

    @Test
    void aRequestWithoutBodyHasNone() {
        Request request = new RequestTemplate(BASE, RequestShape.DEFAULT).newRequest(new HttpClient(), 3, 7);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getBody()).isNull();
        assertThat(pathAndQuery(request)).isEqualTo("/");
    }

    private static String pathAndQuery(Request request) {
        return request.getQuery() == null ? request.getPath() : request.getPath() + "?" + request.getQuery();
    }
}
