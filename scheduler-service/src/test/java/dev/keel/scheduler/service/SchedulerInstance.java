package dev.keel.scheduler.service;

import dev.keel.scheduler.SchedulerApplication;
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

    SchedulerRunner runner() {
        return context.getBean(SchedulerRunner.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
