package dev.keel.api.security;

import dev.keel.api.security.pki.SubjectAlternativeNames;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Writes the admin kubeconfig once the server listens, so its URL carries the real port and the file's
 * appearance means the server can be reached.
 */
public final class AdminKubeconfig implements ApplicationListener<ServletWebServerInitializedEvent> {

    /** The user entry's name in the kubeconfig. */
    public static final String USER = "keel-admin";

    private static final Logger log = LoggerFactory.getLogger(AdminKubeconfig.class);

    private final ClusterCredentials credentials;
    private final ApiSecurityProperties properties;

    public AdminKubeconfig(ClusterCredentials credentials, ApiSecurityProperties properties) {
        this.credentials = credentials;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a separate management server, not the API
        }
        URI server = serverUrl(event.getWebServer().getPort());
        warnIfNotCovered(server);
        String kubeconfig = KubeconfigWriter.render(server, credentials.ca().certificate(), USER, credentials.admin());
        if (KubeconfigWriter.write(properties.getKubeconfig(), kubeconfig)) {
            log.info("Wrote admin kubeconfig {} for {}", properties.getKubeconfig().toAbsolutePath(), server);
        }
    }

    /** kubectl would reject the server's certificate: say so now rather than leave a puzzling x509 error. */
    private void warnIfNotCovered(URI server) {
        if (!properties.isTlsEnabled() || server.getHost() == null) {
            return;
        }
        try {
            var names = SubjectAlternativeNames.parse(properties.getServerSans());
            if (!names.contains(SubjectAlternativeNames.parse(server.getHost()))) {
                log.warn("The kubeconfig server {} is not among keel.api.security.server-sans {}; clients will reject the"
                        + " server certificate", server, properties.getServerSans());
            }
        } catch (IllegalArgumentException e) {
            log.warn("Cannot check the kubeconfig server {} against the certificate names: {}", server, e.getMessage());
        }
    }

    URI serverUrl(int port) {
        if (properties.getServerUrl() != null) {
            return properties.getServerUrl();
        }
        return URI.create((properties.isTlsEnabled() ? "https" : "http") + "://127.0.0.1:" + port);
    }
}
