package dev.keel.api.security;

import dev.keel.api.rest.ResponseRenderer;
import dev.keel.api.security.pki.CertificateKeyPair;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TLS and authentication. The credentials are prepared when the SSL bundle is first asked for, which Spring Boot
 * does while creating the embedded server, so the PKI exists before Tomcat binds its port.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class SecurityConfiguration {

    /** The SSL bundle {@code server.ssl.bundle} names in platform-api.yml. */
    public static final String SSL_BUNDLE = "keel-api";

    @Bean
    public ClusterCredentials clusterCredentials(ApiSecurityProperties properties, Clock clock) {
        return ClusterCredentials.prepare(properties, clock);
    }

    /** Serving certificate as key store, the cluster CA as trust store for client certificates. */
    @Bean
    public SslBundleRegistrar apiServerSslBundle(ClusterCredentials credentials, ApiSecurityProperties properties) {
        return registry -> {
            if (!properties.isTlsEnabled()) {
                return;
            }
            CertificateKeyPair server = credentials.server();
            PemSslStore keyStore = PemSslStore.of(List.of(server.certificate()), server.privateKey());
            PemSslStore trustStore = PemSslStore.of(List.of(credentials.ca().certificate()), null);
            registry.registerBundle(SSL_BUNDLE, SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)));
        };
    }

    @Bean
    public RequestAuthenticator requestAuthenticator(ClusterCredentials credentials) {
        return new RequestAuthenticator(credentials.ca(), credentials.tokens());
    }

    @Bean
    public FilterRegistrationBean<AuthenticationFilter> authenticationFilter(RequestAuthenticator authenticator,
            ResponseRenderer renderer) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(authenticator, renderer));
        registration.setOrder(AuthenticationFilter.ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    public AdminKubeconfig adminKubeconfig(ClusterCredentials credentials, ApiSecurityProperties properties) {
        return new AdminKubeconfig(credentials, properties);
    }
}
