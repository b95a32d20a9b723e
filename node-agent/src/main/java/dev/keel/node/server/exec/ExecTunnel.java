package dev.keel.node.server.exec;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a client's upgrade request to the runtime's streaming server: the request goes to the URL the CRI
 * {@code Exec}, {@code Attach} or {@code PortForward} call answered, and from then on bytes flow both ways untouched,
 * so the streaming server speaks the stream protocol (SPDY/3.1 or WebSocket; channel.k8s.io or portforward.k8s.io)
 * with the client itself, as it does behind the kubelet.
 */
public final class ExecTunnel {

    private static final Logger log = LoggerFactory.getLogger(ExecTunnel.class);

    /** Headers of the client's request that belong to the upgrade and go on to the streaming server. */
    private static final List<String> FORWARDED = List.of("connection", "upgrade", "x-stream-protocol-version",
        "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions", "origin");

    private ExecTunnel() {
    }

    /**
     * Takes the client's connection off HTTP (its codecs and the request handler, named {@code http},
     * {@code aggregate} and {@code handler} in the agent's pipeline) and relays it to {@code streamUrl}. Runs the
     * switch on the channel's event loop; the caller has switched auto-read off before answering nothing.
     */
    public static void handOver(Channel frontend, HttpMethod method, HttpHeaders headers, String streamUrl,
        String target) {
        frontend.eventLoop().execute(() -> {
            // From here the connection carries the stream protocol, not HTTP for this server.
            frontend.pipeline().remove("handler");
            frontend.pipeline().remove("aggregate");
            frontend.pipeline().remove("http");
            open(frontend, method, headers, streamUrl, target);
        });
    }

    /**
     * Connects to {@code streamUrl} and, once connected, turns the client's channel into a byte relay. The caller
     * has removed the HTTP codecs from the client's pipeline and switched its auto-read off.
     */
    public static void open(Channel frontend, HttpMethod method, HttpHeaders headers, String streamUrl,
        String target) {
        URI uri = URI.create(streamUrl);
        Bootstrap bootstrap = new Bootstrap().group(frontend.eventLoop()).channel(NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, false)
            .handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(new Relay(frontend));
                }
            });
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        bootstrap.connect(uri.getHost(), port).addListener((ChannelFutureListener) connected -> {
            if (!connected.isSuccess()) {
                log.warn("Stream {}: cannot reach the runtime's streaming server at {}: {}", target, streamUrl,
                    connected.cause().toString());
                frontend.writeAndFlush(Unpooled.copiedBuffer(plainResponse(502,
                    "cannot reach the container runtime's streaming server: " + connected.cause().getMessage()),
                    StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            Channel backend = connected.channel();
            frontend.pipeline().addLast(new Relay(backend));
            backend.writeAndFlush(Unpooled.copiedBuffer(requestHead(method, headers, uri), StandardCharsets.ISO_8859_1))
                .addListener((ChannelFutureListener) written -> {
                    if (written.isSuccess()) {
                        frontend.read();
                        backend.read();
                    } else {
                        backend.close();
                    }
                });
            log.info("Stream {}: relaying to the runtime's streaming server {}", target, uri.getPath());
        });
    }

    private static String requestHead(HttpMethod method, HttpHeaders headers, URI uri) {
        StringBuilder head = new StringBuilder();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        head.append(method.name()).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            if (FORWARDED.contains(header.getKey().toLowerCase())) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        head.append(HttpHeaderNames.CONTENT_LENGTH).append(": 0\r\n\r\n");
        return head.toString();
    }

    private static String plainResponse(int code, String message) {
        return "HTTP/1.1 " + code + " Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: "
            + message.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + message;
    }

    /** Writes what one side reads to the other, reading more only once the write went out (back-pressure). */
    private static final class Relay extends ChannelInboundHandlerAdapter {

        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            peer.writeAndFlush(message).addListener((ChannelFutureListener) written -> {
                if (written.isSuccess()) {
                    ctx.channel().read();
                } else {
                    written.channel().close();
                    ctx.channel().close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer.isActive()) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Stream relay {} closed: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
