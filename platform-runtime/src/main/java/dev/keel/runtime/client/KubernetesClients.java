package dev.keel.runtime.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds fabric8 clients for platform-api from {@link KubernetesClientProperties}. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    public static KubernetesClient create(KubernetesClientProperties properties) {
        // Every watch of the project goes through this client: its event stream must reach fabric8 in ASCII.
        return new KubernetesClientBuilder().withConfig(config(properties))
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(WatchBodyAsciiInterceptor.NAME,
                        new WatchBodyAsciiInterceptor()))
                .build();
    }

    public static Config config(KubernetesClientProperties properties) {
        Config config;
        if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
            ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(properties.getUrl());
            if (properties.getCaFile() != null) {
                builder.withCaCertFile(properties.getCaFile().toAbsolutePath().toString());
            }
            if (properties.getTokenFile() != null) {
                builder.withOauthToken(read(properties.getTokenFile()).strip());
            }
            config = builder.build();
        } else {
            config = Config.fromKubeconfig(read(properties.getKubeconfig()));
        }
        config.setOnlyHttpWatches(properties.isHttpWatches());
        config.setRequestTimeout(properties.getRequestTimeoutSeconds() * 1000);
        config.setRequestRetryBackoffLimit(properties.getRequestRetries());
        return config;
    }

    /** A client from a kubeconfig file, with the defaults of {@link KubernetesClientProperties}. */
    public static KubernetesClient fromKubeconfig(Path kubeconfig) {
        KubernetesClientProperties properties = new KubernetesClientProperties();
        properties.setKubeconfig(kubeconfig);
        return create(properties);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                    + " (set keel.client.kubeconfig, or keel.client.url with ca-file and token-file)", e);
        }
    }
}
