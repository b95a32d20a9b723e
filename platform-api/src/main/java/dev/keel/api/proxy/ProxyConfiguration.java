package dev.keel.api.proxy;

import dev.keel.api.node.NodeClientProperties;
import dev.keel.api.node.NodeLocator;
import dev.keel.api.node.NodeTls;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.security.ClusterCredentials;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy subresources: where requests go and the clients that take them there. */
@Configuration(proxyBeanMethods = false)
public class ProxyConfiguration {

    @Bean
    ProxyTargets proxyTargets(ObjectStorage storage, ResourceRegistry registry, NodeLocator nodes,
            ClusterCredentials credentials, NodeClientProperties nodeProperties, ProxyProperties properties) {
        HttpClient pods = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.getConnectTimeout()).sslContext(unverified())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient agents = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.getConnectTimeout())
                .sslContext(NodeTls.context(credentials, nodeProperties.getClientName()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new ProxyTargets(storage, registry, nodes, pods, agents,
                new ProxyableAddresses(properties::getRefusedRanges));
    }

    @Bean
    HttpForwarder httpForwarder(ProxyProperties properties) {
        return new HttpForwarder(properties.getResponseTimeout());
    }

    /**
     * For {@code https:} pods and services: their certificates name nothing platform-api could check, so, as
     * kube-apiserver's proxy transport does, they are not verified.
     */
    private static SSLContext unverified() {
        // An extended trust manager, so the JDK adds no host name check of its own either.
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context for proxied pods", e);
        }
    }
}
