package dev.keel.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A run's etcd and platform-api as real processes, started the way the api benchmark starts them, for benchmarks in
 * other packages: where to reach the API, its kubeconfig, and a way to start further child processes that are
 * stopped with it.
 */
public final class ControlPlane implements AutoCloseable {

    private static final String API_JAR = "platform-api/target/platform-api-0.1.0-SNAPSHOT-exec.jar";

    private final Path runDir;
    private final EtcdProcess etcd;
    private final ApiProcess api;
    private final ApiEndpoint endpoint;
    private volatile boolean keepFiles;

    private ControlPlane(Path runDir, EtcdProcess etcd, ApiProcess api, ApiEndpoint endpoint) {
        this.runDir = runDir;
        this.etcd = etcd;
        this.api = api;
        this.endpoint = endpoint;
    }

    /** Starts etcd (without fsync) and platform-api from the repository's built jar, and waits for /readyz. */
    public static ControlPlane start(Path repo) throws IOException, InterruptedException {
        return start(repo, List.of());
    }

    /** The same, with further JVM options for platform-api (e.g. a flight recording). */
    public static ControlPlane start(Path repo, List<String> apiJvmOptions) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory("keel-bench-");
        EtcdProcess etcd = EtcdProcess.start("/usr/bin/etcd", runDir, false);
        ApiProcess api;
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xms512m", "-Xmx2g"));
        jvm.addAll(apiJvmOptions);
        try {
            api = ApiProcess.start(repo.resolve(API_JAR), runDir, etcd.endpoint(), jvm);
        } catch (IOException | RuntimeException e) {
            etcd.stop();
            ApiBenchmark.deleteTree(runDir);
            throw e;
        }
        try {
            ApiEndpoint endpoint = api.awaitReady(Duration.ofSeconds(180));
            return new ControlPlane(runDir, etcd, api, endpoint);
        } catch (InterruptedException | RuntimeException e) {
            // The exception carries the tail of platform-api's log; the directory is not needed.
            api.stop();
            etcd.stop();
            ApiBenchmark.deleteTree(runDir);
            throw e;
        }
    }

    public Path runDir() {
        return runDir;
    }

    /** The admin kubeconfig platform-api wrote. */
    public Path kubeconfig() {
        return runDir.resolve("api/.platform/kubeconfig");
    }

    public URI base() {
        return endpoint.base();
    }

    public HttpClient newClient() {
        return endpoint.newClient(null);
    }

    /** A request to the API with the admin credentials. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return endpoint.request(pathAndQuery);
    }

    public long[] pids() {
        return new long[] {api.pid(), etcd.pid()};
    }

    /** CPU seconds (user + system) a process used so far, from /proc; -1 if it is gone. */
    public static double cpuSeconds(long pid) {
        return CpuSampler.cpuSeconds(pid);
    }

    /** Starts a child process logging to {@code <runDir>/<name>.log}; stop it with the returned handle. */
    public Child startChild(String name, List<String> command) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve(name));
        return new Child(ChildProcess.start(name, command, dir, runDir.resolve(name + ".log")));
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        return Ports.free();
    }

    /** A progress line on stderr. */
    public static void log(String format, Object... args) {
        Progress.log(format, args);
    }

    /** A child process of the run. */
    public static final class Child implements AutoCloseable {

        private final ChildProcess process;

        private Child(ChildProcess process) {
            this.process = process;
        }

        public boolean alive() {
            return process.alive();
        }

        public long pid() {
            return process.pid();
        }

        public String logTail(int lines) {
            return process.logTail(lines);
        }

        @Override
        public void close() {
            process.stop(20);
        }
    }

    /** Keep the run directory (etcd data, logs) after {@link #close()}, e.g. because the run went wrong. */
    public void keepFiles() {
        keepFiles = true;
    }

    @Override
    public void close() {
        api.stop();
        etcd.stop();
        if (keepFiles) {
            log("kept %s (logs of etcd, platform-api and the children)", runDir);
        } else {
            ApiBenchmark.deleteTree(runDir);
        }
    }
}
