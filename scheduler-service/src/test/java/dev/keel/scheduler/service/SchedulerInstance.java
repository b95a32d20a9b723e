package dev.keel.scheduler.service;

import dev.keel.scheduler.SchedulerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One scheduler-service replica started in this JVM against the suite's platform-api. */
final class SchedulerInstance implements AutoCloseable {

    final ConfigurableApplicationContext context;

    private SchedulerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static SchedulerInstance start(TestCluster cluster, String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--keel.client.kubeconfig=" + cluster.api.kubeconfig(),
                "--keel.scheduler.initial-backoff=200ms",
                "--keel.scheduler.max-backoff=2s"));
        arguments.addAll(List.of(properties));
        return new SchedulerInstance(new SpringApplicationBuilder(SchedulerApplication.class)
                .properties(SchedulerApplication.DEFAULTS).run(arguments.toArray(String[]::new)));
    }

    /** The text /actuator/prometheus serves. */
    String prometheus() throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
        }
        return response.body();
    }

    SchedulerRunner runner() {
        return context.getBean(SchedulerRunner.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
