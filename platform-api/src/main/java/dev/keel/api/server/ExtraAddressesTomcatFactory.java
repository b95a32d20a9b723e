package dev.keel.api.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Tomcat listening on {@code server.address} and on a few more addresses, each connector configured exactly as the
 * main one (port, TLS bundle, client auth, limits), so the API can serve loopback and a node bridge without binding
 * every interface of the machine.
 */
public class ExtraAddressesTomcatFactory extends TomcatServletWebServerFactory {

    private final List<String> extraAddresses;

    public ExtraAddressesTomcatFactory(List<String> extraAddresses) {
        this.extraAddresses = List.copyOf(extraAddresses);
    }

    @Override
    public WebServer getWebServer(ServletContextInitializer... initializers) {
        for (String address : extraAddresses) {
            addAdditionalTomcatConnectors(connectorOn(address));
        }
        return super.getWebServer(initializers);
    }

    /**
     * Errors Tomcat answers itself (oversized request lines and headers, CONNECT) get a Kubernetes Status instead of
     * an HTML page. The valve goes after the ErrorReportValve Spring Boot adds while preparing the context, so it
     * reports first, and the host, finding it in its pipeline, adds no ErrorReportValve of its own.
     */
    @Override
    protected void prepareContext(Host host, ServletContextInitializer[] initializers) {
        super.prepareContext(host, initializers);
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(StatusErrorReportValve.class.getName());
            standardHost.getPipeline().addValve(new StatusErrorReportValve());
        }
    }

    private Connector connectorOn(String address) {
        Connector connector = new Connector(DEFAULT_PROTOCOL);
        connector.setThrowOnFailure(true);
        customizeConnector(connector);
        try {
            ((AbstractProtocol<?>) connector.getProtocolHandler()).setAddress(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("keel.api.server.extra-addresses: not an address: " + address, e);
        }
        return connector;
    }
}
