package dev.keel.runtime.client;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands fabric8's HTTP watches their event stream in ASCII. fabric8 7.9's {@code WatchHTTPManager} decodes each
 * received buffer with {@code UTF_8.decode(buffer).array()}, which ignores the decoded text's length: with any
 * multi-byte character in a buffer it appends U+0000 filler to the event line (and splits characters cut between
 * buffers into U+FFFD). The line then fails Jackson ("Illegal unquoted character ((CTRL-CHAR, code 0))"), or, when
 * it begins with the filler, is taken for YAML and fails SnakeYAML ("special characters are not allowed"); either
 * way the watch closes with a WatcherException. Escaped to ASCII, every character decodes to exactly itself.
 */
public final class WatchBodyAsciiInterceptor implements Interceptor {

    public static final String NAME = "keel-watch-ascii";

    @Override
    public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
        if (!isWatch(request)) {
            return consumer;
        }
        AsciiJsonEscaper escaper = new AsciiJsonEscaper();
        return new AsyncBody.Consumer<>() {
            @Override
            public void consume(List<ByteBuffer> buffers, AsyncBody body) throws Exception {
                List<ByteBuffer> escaped = new ArrayList<>(buffers.size());
                for (ByteBuffer buffer : buffers) {
                    escaped.add(escaper.escape(buffer));
                }
                consumer.consume(escaped, body);
            }

            @Override
            public <U> U unwrap(Class<U> target) {
                return consumer.unwrap(target);
            }
        };
    }

    static boolean isWatch(HttpRequest request) {
        String query = request.uri().getRawQuery();
        if (query == null) {
            return false;
        }
        for (String parameter : query.split("&")) {
            if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
                return true;
            }
        }
        return false;
    }
}
