package dev.keel.node.server;

import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.server.logs.LogStreamer;
import dev.keel.node.server.metrics.ResourceMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTPS server for platform-api: {@code /containerLogs}, {@code /exec}, {@code /attach},
 * {@code /portForward} and {@code /metrics}. Netty, because the streaming routes hand the raw connection over to the
 * runtime's streaming server after the upgrade request. TLS
 * requires a client certificate signed by the cluster CA; {@link NodeRequestHandler} checks whose it is.
 */
public class NodeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);

    private final NodeServerProperties properties;
    private final String nodeName;
    private final ContainerRuntime runtime;
    private final Path logRoot;
    private final Clock clock;
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final ExecutorService blocking;
    private final Supplier<List<Pod>> pods;
    private final Supplier<Optional<String>> prometheus;
    private Channel channel;

    public NodeServer(NodeServerProperties properties, String nodeName, ContainerRuntime runtime, Path logRoot,
        Clock clock) {
        this(properties, nodeName, runtime, logRoot, clock, List::of, Optional::empty);
    }

    /**
     * @param pods       the pods bound to this node, for {@code /pods} and {@code /stats/summary}
     * @param prometheus the agent's Prometheus metrics, for {@code /metrics}
     */
    public NodeServer(NodeServerProperties properties, String nodeName, ContainerRuntime runtime, Path logRoot,
        Clock clock, Supplier<List<Pod>> pods, Supplier<Optional<String>> prometheus) {
        this.pods = pods;
        this.prometheus = prometheus;
        this.properties = properties;
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.logRoot = logRoot;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // Log streams block on files and runtime calls: they run here, never on the event loop.
        this.blocking = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "node-server-" + nodeName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() throws InterruptedException, SSLException {
        if (properties.getCertificateFile() == null || properties.getKeyFile() == null
            || properties.getClientCaFile() == null) {
            throw new IllegalStateException("keel.node.server needs certificate-file, key-file and client-ca-file "
                + "(or enabled=false)");
        }
        SslContext ssl = SslContextBuilder.forServer(properties.getCertificateFile().toFile(),
                properties.getKeyFile().toFile())
            .trustManager(properties.getClientCaFile().toFile()).clientAuth(ClientAuth.REQUIRE).build();
        ResourceMetrics metrics = new ResourceMetrics(runtime, nodeName, clock);
        LogStreamer streamer = new LogStreamer(properties.getLogPollInterval());
        NodeInfoEndpoints info = new NodeInfoEndpoints(nodeName, pods, prometheus, metrics, clock);
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel child) {
                    child.pipeline().addLast("tls", ssl.newHandler(child.alloc()))
                        .addLast("http", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(64 * 1024))
                        .addLast("handler", new NodeRequestHandler(properties.getAllowedClient(), runtime, logRoot,
                            streamer, metrics, blocking, clock, info));
                }
            });
        channel = bootstrap.bind(new InetSocketAddress(properties.getAddress(), properties.getPort())).sync().channel();
        log.info("Node {}: serving logs, exec, attach, port-forward and metrics on https://{}", nodeName, channel.localAddress());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        blocking.shutdownNow();
    }
}
