package io.github.allocbench.result;

import io.github.allocbench.units.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request every virtual user sends: a method, one or more paths (cycled, each connection starting at a different
 * one so that all paths are requested at once), headers and an optional body. The default is one {@code GET /}
 * without headers or body. Bad values are refused with the mojo parameter's name, the value and what is accepted.
 *
 * @param method  the HTTP method, e.g. {@code GET} or {@code POST}; upper case
 * @param paths   request paths with optional query, each starting with {@code /}; at least one
 * @param headers extra request headers, name to value, in order; never {@code Host}, {@code Content-Length} or
 *                {@code Connection}, which the generator manages
 * @param body    the request body as UTF-8 text, or {@code null} for none
 */
public record RequestShape(String method, List<String> paths, Map<String, String> headers, String body) {

    /** One {@code GET /}. */
    public static final RequestShape DEFAULT = new RequestShape("GET", List.of("/"), Map.of(), null);

    private static final Set<String> MANAGED_HEADERS = Set.of("host", "content-length", "connection",
            "transfer-encoding");

    public RequestShape {
        method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        if (!isToken(method)) {
            throw new ConfigurationException("requestMethod is '" + method + "', which is not an HTTP method. Set "
                    + "<requestMethod> (or -Dallocbench.requestMethod) to e.g. GET, POST or PUT.");
        }
        paths = paths == null ? List.of() : paths.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (paths.isEmpty()) {
            paths = List.of("/");
        }
        for (String path : paths) {
            if (!path.startsWith("/") || path.startsWith("//") || path.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                throw new ConfigurationException("requestPaths contains '" + path + "'; every path must start with"
                        + " '/' and contain no spaces or control characters (percent-encode them), e.g. "
                        + "<requestPaths><path>/api/items?page=1</path></requestPaths>.");
            }
        }
        Map<String, String> checked = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                String n = name == null ? "" : name.trim();
                if (!isToken(n)) {
                    throw new ConfigurationException("requestHeaders has the header name '" + name + "', which is "
                            + "not a valid HTTP header name. Use names such as <Accept>application/json</Accept>.");
                }
                if (MANAGED_HEADERS.contains(n.toLowerCase(Locale.ROOT))) {
                    throw new ConfigurationException("requestHeaders sets " + n + ", which the load generator "
                            + "manages itself. Remove it from <requestHeaders>.");
                }
                String v = value == null ? "" : value.trim();
                if (v.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                    throw new ConfigurationException("requestHeaders: the value of " + n + " contains a line "
                            + "break. Put the header's value on one line.");
                }
                checked.put(n, v);
            });
        }
        headers = Collections.unmodifiableMap(checked);
        if (body != null && body.isEmpty()) {
            body = null;
        }
    }

    /** One {@code GET} of {@code path}, the shape of the first versions of the generator. */
    public static RequestShape get(String path) {
        return new RequestShape("GET", List.of(path == null || path.isEmpty() ? "/" : path), Map.of(), null);
    }

    /** The body's bytes, or an empty array without a body. */
    public byte[] bodyBytes() {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
