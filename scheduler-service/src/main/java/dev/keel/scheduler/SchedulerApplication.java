package dev.keel.scheduler;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** scheduler-service: places pending pods on nodes and binds them through platform-api. */
@SpringBootApplication
public class SchedulerApplication {

    /**
     * Defaults as default properties rather than an application.yml, and configuration files named
     * scheduler-service.yml: in tests platform-api shares the classpath, and the two services must not read each
     * other's application.yml.
     */
    public static final Map<String, Object> DEFAULTS = Map.of(
            "spring.config.name", "scheduler-service",
            "spring.application.name", "scheduler-service",
            "server.port", "10259",
            "management.endpoints.web.exposure.include", "health,info,prometheus");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SchedulerApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
