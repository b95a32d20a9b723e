package dev.keel.proxy.service;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols a proxied service port can use. */
public enum Protocol {
    TCP,
    UDP;

    /** The protocol named in a Service or EndpointSlice port; absent means TCP, as in Kubernetes. */
    public static Optional<Protocol> parse(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(TCP);
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "TCP" -> Optional.of(TCP);
            case "UDP" -> Optional.of(UDP);
            default -> Optional.empty();
        };
    }

    /** The lower-case name both iptables and nft use. */
    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
