package dev.keel.node.server;

import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStateValue;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import dev.keel.node.server.exec.ExecTunnel;
import dev.keel.node.server.logs.ContainerLogFiles;
import dev.keel.node.server.logs.LogOptions;
import dev.keel.node.server.logs.LogSink;
import dev.keel.node.server.logs.LogStreamer;
import dev.keel.node.server.metrics.ResourceMetrics;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one request of platform-api: {@code GET /containerLogs/NS/POD/CONTAINER}, {@code POST|GET
 * /exec/NS/POD/CONTAINER?command=...} (an upgrade, relayed to the runtime's streaming server), {@code POST|GET
 * /attach/NS/POD/CONTAINER} and {@code POST|GET /portForward/NS/POD} (likewise, see {@link StreamRequests}),
 * {@code GET /metrics/pods}, {@code GET /metrics/node}. Errors are plain text with the HTTP status, as the
 * kubelet answers them.
 */
class NodeRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(NodeRequestHandler.class);

    private final String allowedClient;
    private final ContainerRuntime runtime;
    private final Path logRoot;
    private final LogStreamer streamer;
    private final ResourceMetrics metrics;
    private final ExecutorService blocking;
    private final Clock clock;
    private final NodeInfoEndpoints info;
    private final StreamRequests streams;

    NodeRequestHandler(String allowedClient, ContainerRuntime runtime, Path logRoot, LogStreamer streamer,
        ResourceMetrics metrics, ExecutorService blocking, Clock clock, NodeInfoEndpoints info) {
        this.info = info;
        this.allowedClient = allowedClient;
        this.runtime = runtime;
        this.logRoot = logRoot;
        this.streamer = streamer;
        this.metrics = metrics;
        this.blocking = blocking;
        this.clock = clock;
        this.streams = new StreamRequests(runtime, blocking);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String client = clientName(ctx);
        if (!allowedClient.equals(client)) {
            log.warn("Refused {} {} from client certificate {}", request.method(), request.uri(), client);
            respond(ctx, HttpResponseStatus.FORBIDDEN, "client " + client + " may not use the node agent's API");
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        List<String> path = List.of(query.path().replaceFirst("^/", "").split("/"));
        String root = path.get(0);
        boolean get = request.method().equals(HttpMethod.GET);
        if (root.equals("containerLogs") && path.size() == 4 && get) {
            logs(ctx, path.get(1), path.get(2), path.get(3), query.parameters(), HttpUtil.isKeepAlive(request));
        } else if (root.equals("exec") && path.size() == 4
            && (get || request.method().equals(HttpMethod.POST))) {
            exec(ctx, request.method(), request.headers().copy(), path.get(1), path.get(2), path.get(3),
                query.parameters());
        } else if (root.equals("attach") && path.size() == 4
            && (get || request.method().equals(HttpMethod.POST))) {
            streams.attach(ctx, request.method(), request.headers().copy(), path.get(1), path.get(2), path.get(3),
                query.parameters());
        } else if (root.equals("portForward") && path.size() == 3
            && (get || request.method().equals(HttpMethod.POST))) {
            streams.portForward(ctx, request.method(), request.headers().copy(), path.get(1), path.get(2),
                query.parameters());
        } else if (root.equals("metrics") && path.size() == 2 && get) {
            metrics(ctx, path.get(1));
        } else if (root.equals("healthz") && get) {
            respond(ctx, HttpResponseStatus.OK, "ok");
        } else if (get && info.serves(query.path())) {
            info(ctx, query.path());
        } else {
            respond(ctx, HttpResponseStatus.NOT_FOUND, request.method() + " " + query.path() + " is not served here");
        }
    }

    private void logs(ChannelHandlerContext ctx, String namespace, String pod, String container,
        Map<String, List<String>> parameters, boolean keepAlive) {
        LogOptions options;
        try {
            options = LogOptions.from(parameters, clock.instant());
        } catch (RuntimeException e) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        String target = namespace + "/" + pod + "/" + container;
        ChunkedSink sink = new ChunkedSink(ctx.channel());
        blocking.execute(() -> {
            try {
                streamer.stream(new ContainerLogFiles(runtime, logRoot, namespace, pod, container), options, sink);
                sink.finish(keepAlive);
            } catch (LogStreamer.NoLogException e) {
                // The kubelet's words (kubectl prints them after "Error from server (BadRequest): ").
                switch (e.reason()) {
                    case NO_PREVIOUS -> respond(ctx, HttpResponseStatus.BAD_REQUEST, "previous terminated container \""
                        + container + "\" in pod \"" + pod + "\" not found");
                    case NEVER_STARTED -> respond(ctx, HttpResponseStatus.BAD_REQUEST, "container \"" + container
                        + "\" in pod \"" + pod + "\" is waiting to start - no logs yet");
                    case FILE_MISSING -> respond(ctx, HttpResponseStatus.NOT_FOUND, "container \"" + container
                        + "\" in pod \"" + pod + "\": " + e.getMessage());
                }
            } catch (IOException e) {
                log.debug("Logs of {}: stream ended: {}", target, e.toString());
                ctx.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.close();
            } catch (RuntimeException e) {
                log.warn("Logs of {}: {}", target, e.toString(), e);
                if (sink.started) {
                    ctx.close();
                } else {
                    respond(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "logs of " + target + ": " + e.getMessage());
                }
            }
        });
    }

    private void exec(ChannelHandlerContext ctx, HttpMethod method, HttpHeaders headers, String namespace, String pod,
        String container, Map<String, List<String>> parameters) {
        String target = namespace + "/" + pod + "/" + container;
        List<String> command = parameters.getOrDefault("command", List.of());
        if (command.isEmpty()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "exec in " + target + ": no command given");
            return;
        }
        boolean tty = flag(parameters, "tty");
        boolean stdin = flag(parameters, "stdin");
        Channel channel = ctx.channel();
        channel.config().setAutoRead(false);
        blocking.execute(() -> {
            String url;
            try {
                List<Container> running = runtime.listContainers(ContainerFilter.newBuilder()
                    .putLabelSelector(PodLabels.POD_NAMESPACE, namespace).putLabelSelector(PodLabels.POD_NAME, pod)
                    .putLabelSelector(PodLabels.CONTAINER_NAME, container)
                    .setState(ContainerStateValue.newBuilder().setState(ContainerState.CONTAINER_RUNNING)).build());
                if (running.isEmpty()) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, "container " + target + " is not running on this node");
                    return;
                }
                url = runtime.exec(running.get(0).getId(), command, tty, stdin);
            } catch (ContainerRuntimeException e) {
                log.warn("Exec in {}: {}", target, e.getMessage());
                respond(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "exec in " + target + ": " + e.getMessage());
                return;
            }
            ExecTunnel.handOver(channel, method, headers, url, target);
        });
    }

    private void metrics(ChannelHandlerContext ctx, String what) {
        blocking.execute(() -> {
            try {
                Object body = switch (what) {
                    case "pods" -> new PodMetricsListBuilder().withMetadata(new ListMetaBuilder().build())
                        .withItems(metrics.pods()).build();
                    case "node" -> metrics.node();
                    default -> null;
                };
                if (body == null) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, "no metrics named " + what);
                    return;
                }
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(Serialization.asJson(body), StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                HttpUtil.setContentLength(response, response.content().readableBytes());
                ctx.writeAndFlush(response);
            } catch (RuntimeException e) {
                log.warn("Metrics {}: {}", what, e.toString(), e);
                respond(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics: " + e.getMessage());
            }
        });
    }

    /** {@code /pods}, {@code /metrics}, {@code /stats/summary}: built off the event loop (runtime calls block). */
    private void info(ChannelHandlerContext ctx, String path) {
        blocking.execute(() -> {
            try {
                NodeInfoEndpoints.Answer answer = info.answer(path).orElseThrow();
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()),
                    Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
                HttpUtil.setContentLength(response, response.content().readableBytes());
                ctx.writeAndFlush(response);
            } catch (RuntimeException e) {
                log.warn("{}: {}", path, e.toString(), e);
                respond(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, path + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.channel().config().setAutoRead(true);
        ctx.writeAndFlush(response);
    }

    static boolean flag(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values != null && !values.isEmpty() && (values.get(0).equals("true") || values.get(0).equals("1"));
    }

    /** The common name of the client's certificate (TLS already checked that the cluster CA signed it). */
    private static String clientName(ChannelHandlerContext ctx) {
        try {
            X509Certificate certificate = (X509Certificate) ctx.pipeline().get(SslHandler.class).engine().getSession()
                .getPeerCertificates()[0];
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return "";
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return "";
        }
    }

    /** A chunked text/plain response, started by the first write; waits for each flush to reach the socket. */
    private static final class ChunkedSink implements LogSink {

        private final Channel channel;
        private volatile boolean started;

        ChunkedSink(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            start();
            channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
        }

        @Override
        public void flush() throws IOException {
            start();
            if (!channel.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly().isSuccess()
                || !channel.isActive()) {
                throw new IOException("client closed the log stream");
            }
        }

        void finish(boolean keepAlive) {
            if (!started) {
                try {
                    start();
                } catch (IOException e) {
                    return;
                }
            }
            var done = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void start() throws IOException {
            if (started) {
                return;
            }
            if (!channel.isActive()) {
                throw new IOException("client closed the log stream");
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setTransferEncodingChunked(head, true);
            channel.write(head);
            started = true;
        }
    }
}
