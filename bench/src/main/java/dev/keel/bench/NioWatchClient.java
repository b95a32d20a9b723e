package dev.keel.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Plain-http watch streams on non-blocking sockets: a few selector threads each own some connections, read
 * whatever arrived into one buffer, parse the HTTP/1.1 response head and chunked framing, cut the body into lines
 * and hand each line to its stream's handler, all on the selector thread: no hand-off between threads and no
 * copy beyond the line buffer, so that 1000 streams cost the client little CPU next to the server it measures.
 */
final class NioWatchClient implements WatchClient {

    private final InetSocketAddress server;
    private final String host;
    private final String authorization;
    private final Loop[] loops;
    private int next;

    NioWatchClient(ApiEndpoint endpoint, int threads, String name) throws IOException {
        this.server = new InetSocketAddress(endpoint.base().getHost(), endpoint.base().getPort());
        this.host = endpoint.base().getHost() + ":" + endpoint.base().getPort();
        this.authorization = endpoint.token() == null ? "" : "Authorization: Bearer " + endpoint.token() + "\r\n";
        this.loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(Selector.open());
            Thread thread = new Thread(loops[i], name + "-selector-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public Stream open(String pathAndQuery, Lines lines) {
        Loop loop;
        synchronized (this) {
            loop = loops[next++ % loops.length];
        }
        NioStream stream = new NioStream(lines);
        try {
            // Connecting and sending the request block briefly (loopback); reading never does.
            SocketChannel channel = SocketChannel.open(server);
            channel.socket().setTcpNoDelay(true);
            ByteBuffer request = ByteBuffer.wrap(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAccept: application/json\r\n" + authorization + "\r\n").getBytes(StandardCharsets.US_ASCII));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            channel.configureBlocking(false);
            stream.channel = channel;
            loop.register(stream);
        } catch (IOException e) {
            stream.end("could not open: " + e);
        }
        return stream;
    }

    @Override
    public String description() {
        return "non-blocking sockets on " + loops.length + " selector thread(s) that read, de-chunk and cut lines "
                + "themselves (no thread per connection, no hand-off)";
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.stop();
        }
    }

    /** One selector thread and the streams it reads. */
    private static final class Loop implements Runnable {

        private final Selector selector;
        private final Queue<NioStream> added = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        private final byte[] bytes = new byte[256 * 1024];
        private volatile boolean running = true;

        Loop(Selector selector) {
            this.selector = selector;
        }

        void register(NioStream stream) {
            added.add(stream);
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(500);
                    NioStream stream;
                    while ((stream = added.poll()) != null) {
                        try {
                            stream.channel.register(selector, SelectionKey.OP_READ, stream);
                        } catch (IOException e) {
                            stream.end("could not register: " + e);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((NioStream) key.attachment(), key);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | ClosedSelectorException e) {
                Progress.log("watch selector failed: %s", e);
            } finally {
                for (SelectionKey key : selector.keys()) {
                    ((NioStream) key.attachment()).end("closed");
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // nothing left to do
                }
            }
        }

        private void read(NioStream stream, SelectionKey key) {
            if (!key.isValid()) {
                return;
            }
            int n;
            try {
                buffer.clear();
                n = stream.channel.read(buffer);
            } catch (IOException e) {
                key.cancel();
                stream.end(String.valueOf(e));
                return;
            }
            if (n < 0) {
                key.cancel();
                stream.end("server closed the connection");
                return;
            }
            if (n == 0) {
                return;
            }
            long arrival = Nanos.now();
            buffer.flip();
            buffer.get(bytes, 0, n);
            try {
                stream.feed(bytes, n, arrival);
            } catch (RuntimeException e) {
                key.cancel();
                stream.end("bad response: " + e);
            }
        }
    }

    /** One watch: HTTP/1.1 response head, then chunked (or, failing that, plain) body of lines. */
    private static final class NioStream implements Stream {

        private enum State { HEAD, SIZE, DATA, DATA_END, BODY, DONE }

        private final Lines lines;
        private final CompletableFuture<Integer> headers = new CompletableFuture<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private volatile SocketChannel channel;
        private volatile boolean closed;
        private State state = State.HEAD;
        private final StringBuilder head = new StringBuilder();
        private int status;
        private long chunkLeft;
        private long chunkSize;
        private boolean sizeDone;
        private int dataEndLeft;
        private byte[] line = new byte[8192];
        private int lineLength;

        NioStream(Lines lines) {
            this.lines = lines;
        }

        @Override
        public CompletableFuture<Integer> headers() {
            return headers;
        }

        @Override
        public CompletableFuture<String> ended() {
            return ended;
        }

        @Override
        public void close() {
            closed = true;
            SocketChannel c = channel;
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            end("closed");
        }

        void end(String reason) {
            headers.completeExceptionally(new IOException(reason));
            ended.complete(closed ? "closed" : reason);
            if (!closed) {
                closed = true;
                SocketChannel c = channel;
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }

        void feed(byte[] data, int length, long arrival) {
            int i = 0;
            while (i < length) {
                switch (state) {
                    case HEAD -> {
                        char c = (char) (data[i++] & 0xff);
                        head.append(c);
                        if (c == '\n' && head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                            startBody();
                        }
                    }
                    case SIZE -> {
                        byte b = data[i++];
                        if (b == '\n') {
                            if (chunkSize == 0) {
                                state = State.DONE;
                                end("server ended the stream");
                                return;
                            }
                            chunkLeft = chunkSize;
                            state = State.DATA;
                        } else if (b == ';' || b == '\r' || b == ' ') {
                            sizeDone = true;
                        } else if (!sizeDone) {
                            chunkSize = chunkSize * 16 + Character.digit(b, 16);
                            if (Character.digit(b, 16) < 0) {
                                throw new IllegalStateException("bad chunk size byte " + b);
                            }
                        }
                    }
                    case DATA -> {
                        int n = (int) Math.min(chunkLeft, length - i);
                        body(data, i, n, arrival);
                        i += n;
                        chunkLeft -= n;
                        if (chunkLeft == 0) {
                            state = State.DATA_END;
                            dataEndLeft = 2;
                        }
                    }
                    case DATA_END -> {
                        i++;
                        if (--dataEndLeft == 0) {
                            state = State.SIZE;
                            chunkSize = 0;
                            sizeDone = false;
                        }
                    }
                    case BODY -> {
                        body(data, i, length - i, arrival);
                        i = length;
                    }
                    case DONE -> {
                        return;
                    }
                }
            }
        }

        private void startBody() {
            String text = head.toString();
            String[] statusLine = text.substring(0, text.indexOf('\r')).split(" ");
            status = Integer.parseInt(statusLine[1]);
            boolean chunked = text.toLowerCase(Locale.ROOT).contains("\ntransfer-encoding: chunked");
            state = chunked ? State.SIZE : State.BODY;
            chunkSize = 0;
            sizeDone = false;
            headers.complete(status);
        }

        private void body(byte[] data, int from, int n, long arrival) {
            if (lineLength + n > line.length) {
                byte[] bigger = new byte[Math.max(line.length * 2, lineLength + n)];
                System.arraycopy(line, 0, bigger, 0, lineLength);
                line = bigger;
            }
            System.arraycopy(data, from, line, lineLength, n);
            int scanFrom = lineLength;
            lineLength += n;
            int start = 0;
            for (int i = scanFrom; i < lineLength; i++) {
                if (line[i] == '\n') {
                    if (status == 200) {
                        lines.line(line, start, i, arrival);
                    } else {
                        end("HTTP " + status + ": " + new String(line, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            if (start > 0) {
                System.arraycopy(line, start, line, 0, lineLength - start);
                lineLength -= start;
            }
        }
    }
}
