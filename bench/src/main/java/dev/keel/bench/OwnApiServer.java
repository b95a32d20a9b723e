package dev.keel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An etcd and a platform-api of a benchmark's own, on free loopback ports in a temporary directory, stopped by PID
 * on {@link #close} and also on SIGTERM (a shutdown hook).
 */
final class OwnApiServer implements AutoCloseable {

    private static final Path JAR = Path.of("platform-api/target/platform-api-0.1.0-SNAPSHOT-exec.jar");

    private final Path runDir;
    private final EtcdProcess etcd;
    private final Thread cleanUp;
    private volatile ApiProcess api;
    private ApiEndpoint endpoint;

    private OwnApiServer(Path runDir, EtcdProcess etcd, String name) {
        this.runDir = runDir;
        this.etcd = etcd;
        this.cleanUp = new Thread(this::stop, name + "-bench-cleanup");
    }

    /** Starts both (with ./platform's JVM flags) and waits until platform-api is ready. */
    static OwnApiServer start(Path repo, String name) throws Exception {
        Path runDir = Files.createTempDirectory("keel-bench-" + name + "-");
        OwnApiServer server = new OwnApiServer(runDir, EtcdProcess.start("/usr/bin/etcd", runDir, false), name);
        Runtime.getRuntime().addShutdownHook(server.cleanUp);
        try {
            server.api = ApiProcess.start(repo.resolve(JAR), runDir, server.etcd.endpoint(),
                    ApiMemoryBenchmark.CURRENT_FLAGS);
            server.endpoint = server.api.awaitReady(Duration.ofSeconds(300));
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    ApiEndpoint endpoint() {
        return endpoint;
    }

    Path runDir() {
        return runDir;
    }

    private void stop() {
        if (api != null) {
            api.stop();
        }
        etcd.stop();
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(cleanUp);
        stop();
        ApiBenchmark.deleteTree(runDir);
    }
}
