package dev.keel.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * This run's own platform-api: {@code java -jar platform-api-...-exec.jar} on a free loopback port, in its own
 * working directory, against this run's etcd.
 *
 * <p>Readiness is a poll of {@code GET /readyz}. The server may be one that serves HTTPS with authentication: it
 * then writes {@code .platform/pki/ca.crt} and {@code .platform/admin-token} in its working directory, and the
 * benchmark talks https to it, trusting that CA and sending that bearer token. Without those files it talks
 * plain http without credentials.
 */
final class ApiProcess {

    private final ChildProcess process;
    private final Path workDir;
    private final int port;

    private ApiProcess(ChildProcess process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    static ApiProcess start(Path jar, Path runDir, String etcdEndpoint, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with "
                    + "mvn -B -q package -DskipTests -pl platform-api,bench -am");
        }
        int port = Ports.free();
        Path workDir = Files.createDirectories(runDir.resolve("api"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Out of memory, the server exits rather than skew every measurement after it.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--keel.api.etcd.endpoints=" + etcdEndpoint));
        ChildProcess process = ChildProcess.start("platform-api", command, workDir, runDir.resolve("platform-api.log"));
        return new ApiProcess(process, workDir, port);
    }

    long pid() {
        return process.pid();
    }

    List<String> command() {
        return process.command();
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    void stop() {
        process.stop(20);
    }

    /** Waits for {@code /readyz} to answer 200 and returns how it was reached. */
    ApiEndpoint awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path token = workDir.resolve(".platform/admin-token");
        Path ca = workDir.resolve(".platform/pki/ca.crt");
        boolean checkHostName = true;
        String last = "no answer yet";
        HttpClient client = null;
        String clientFor = null;
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("platform-api exited at start:\n" + process.logTail(40));
            }
            ApiEndpoint candidate;
            try {
                candidate = nonEmpty(token) ? secure(token, ca, checkHostName) : ApiEndpoint.plain(port);
            } catch (IOException | GeneralSecurityException e) {
                last = "reading " + workDir.resolve(".platform") + ": " + e;
                Thread.sleep(200);
                continue;
            }
            if (candidate == null) {
                last = "admin-token written, ca.crt not yet";
                Thread.sleep(100);
                continue;
            }
            if (!candidate.description().equals(clientFor)) {
                // One client per way of connecting, not per attempt: each JDK HttpClient owns a selector thread.
                client = candidate.newClient(null);
                clientFor = candidate.description();
            }
            try {
                HttpResponse<String> response = client.send(candidate.request("/readyz")
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return candidate;
                }
                last = candidate.base() + "/readyz answered " + response.statusCode() + ": " + response.body();
            } catch (SSLHandshakeException e) {
                last = candidate.base() + ": " + e.getMessage();
                if (checkHostName && hostNameMismatch(e)) {
                    Progress.log("the server certificate does not name 127.0.0.1 (%s); trusting ca.crt without the"
                            + " host name check", e.getMessage());
                    checkHostName = false;
                }
            } catch (IOException e) {
                last = candidate.base() + ": " + e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("platform-api was not ready within " + timeout + " (" + last + "):\n"
                + process.logTail(40));
    }

    private ApiEndpoint secure(Path token, Path ca, boolean checkHostName) throws IOException, GeneralSecurityException {
        if (!nonEmpty(ca)) {
            return null;
        }
        String bearer = Files.readString(token, StandardCharsets.UTF_8).trim();
        String description = "https trusting <workdir>/.platform/pki/ca.crt"
                + (checkHostName ? "" : " (without host name check)")
                + ", bearer token from <workdir>/.platform/admin-token";
        return ApiEndpoint.secure(port,
                checkHostName ? Tls.trusting(ca) : Tls.trustingWithoutHostCheck(ca), bearer, description);
    }

    private static boolean hostNameMismatch(SSLHandshakeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("subject alternative") || message.contains("No name matching")) {
                return true;
            }
        }
        return false;
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
