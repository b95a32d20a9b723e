package dev.keel.api.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.security.ClusterCredentials;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans that reach node agents: the logs, exec, attach and port-forward proxies and the metrics client, over one mutual-TLS context. */
@Configuration(proxyBeanMethods = false)
public class NodeProxyConfiguration {

    @Bean
    NodeLocator nodeLocator(ObjectStorage storage, ResourceRegistry registry) {
        return new NodeLocator(storage, registry);
    }

    @Bean
    NodeAgentClient nodeAgentClient(ClusterCredentials credentials, NodeClientProperties properties) {
        SSLContext tls = NodeTls.context(credentials, properties.getClientName());
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(properties.getConnectTimeout())
            .version(HttpClient.Version.HTTP_1_1).build();
        return new NodeAgentClient(tls, http);
    }

    @Bean
    PodLogProxy podLogProxy(NodeLocator locator, NodeAgentClient agents) {
        return new PodLogProxy(locator, agents.http());
    }

    @Bean
    NodeStreamProxy nodeStreamProxy(NodeAgentClient agents, NodeClientProperties properties) {
        return new NodeStreamProxy(agents.tls(), properties.getConnectTimeout(), properties.getUpgradeTimeout());
    }

    @Bean
    PodExecProxy podExecProxy(NodeLocator locator, NodeStreamProxy streams) {
        return new PodExecProxy(locator, streams);
    }

    @Bean
    PodAttachProxy podAttachProxy(NodeLocator locator, NodeStreamProxy streams) {
        return new PodAttachProxy(locator, streams);
    }

    @Bean
    PodPortForwardProxy podPortForwardProxy(NodeLocator locator, NodeStreamProxy streams) {
        return new PodPortForwardProxy(locator, streams);
    }

    @Bean
    NodeMetricsClient nodeMetricsClient(NodeAgentClient agents, ObjectMapper mapper, NodeClientProperties properties) {
        return new NodeMetricsClient(agents.http(), mapper, properties.getMetricsTimeout());
    }

    /** The TLS context and the HTTP client built on it, shared by everything that calls node agents. */
    record NodeAgentClient(SSLContext tls, HttpClient http) {
    }
}
