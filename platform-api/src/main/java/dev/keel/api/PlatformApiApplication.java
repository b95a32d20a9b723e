package dev.keel.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * platform-api: the Kubernetes API over etcd. Its settings live in {@code platform-api.yml}, not application.yml, so
 * they never shadow (or get shadowed by) another service's when both are on one classpath, as in tests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformApiApplication {

    /** As a default property so a command-line {@code --spring.config.name} still wins. */
    public static final String CONFIG_NAME = "spring.config.name=platform-api";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its configuration file name set; tests that start it in-process use this too. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PlatformApiApplication.class).properties(CONFIG_NAME);
    }
}
