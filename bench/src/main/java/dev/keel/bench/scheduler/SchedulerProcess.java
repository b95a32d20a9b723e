package dev.keel.bench.scheduler;

import dev.keel.bench.ControlPlane;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** scheduler-service as its own process ({@code java -jar}), against the run's platform-api, without leader election. */
final class SchedulerProcess implements AutoCloseable {

    static final String JAR = "scheduler-service/target/scheduler-service-0.1.0-SNAPSHOT-exec.jar";

    private final ControlPlane.Child child;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private SchedulerProcess(ControlPlane.Child child, int port) {
        this.child = child;
        this.port = port;
    }

    /** @param properties further Spring properties, {@code name=value} */
    static SchedulerProcess start(ControlPlane plane, Path repo, List<String> jvmOptions, List<String> properties) throws Exception {
        Path jar = repo.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -q package -DskipTests -pl scheduler-service -am");
        }
        int port = ControlPlane.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xms512m", "-Xmx2g", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--keel.client.kubeconfig=" + plane.kubeconfig(),
                "--keel.scheduler.leader-election.enabled=false",
                "--management.endpoint.health.probes.enabled=true"));
        properties.forEach(property -> command.add("--" + property));
        ControlPlane.Child child = plane.startChild("scheduler", command);
        SchedulerProcess process = new SchedulerProcess(child, port);
        process.awaitReady(Duration.ofMinutes(6));
        return process;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.alive()) {
                throw new IllegalStateException("scheduler-service exited at start:\n" + child.logTail(40));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("scheduler-service not ready within " + timeout + ":\n" + child.logTail(40));
    }

    /** The scheduler's /actuator/prometheus text. */
    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The mean of a timer in milliseconds: its _sum over its _count, on the series whose labels contain {@code labels}. */
    static double meanMillis(String metrics, String timer, String labels) {
        double sum = value(metrics, timer + "_sum", labels);
        double count = value(metrics, timer + "_count", labels);
        return count == 0 ? Double.NaN : sum / count * 1000;
    }

    /** A sample's value, on the series whose labels contain {@code labels}; 0 if absent. */
    static double value(String metrics, String name, String labels) {
        String series = labels.isEmpty() ? "(?:\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*}";
        Matcher matcher = Pattern.compile("^" + name + series + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    long pid() {
        return child.pid();
    }

    String logTail(int lines) {
        return child.logTail(lines);
    }

    @Override
    public void close() {
        child.close();
    }
}
