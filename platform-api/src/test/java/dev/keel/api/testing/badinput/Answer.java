package dev.keel.api.testing.badinput;

import java.util.List;
import java.util.Map;

/**
 * The server's answer to one request, or why there was none.
 *
 * @param status   the HTTP status, or 0 when there was no answer
 * @param headers  response headers (names lower case)
 * @param body     the response body (bounded)
 * @param failure  why no answer came (connection closed, timeout), or null
 */
record Answer(int status, Map<String, List<String>> headers, String body, String failure) {

    static Answer none(String failure) {
        return new Answer(0, Map.of(), "", failure);
    }

    boolean answered() {
        return failure == null;
    }

    boolean accepted() {
        return status >= 200 && status < 300;
    }

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }
}
