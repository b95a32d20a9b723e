package dev.keel.api.proxy;

import dev.keel.api.status.Statuses;
import java.util.Set;

/**
 * The name part of a proxy URL: {@code name}, {@code name:port} or {@code scheme:name:port}, the scheme being http,
 * https or empty, as Kubernetes splits it (its {@code SplitSchemeNamePort}).
 *
 * @param scheme empty when not given
 * @param port   empty when not given; a number or a port name
 */
public record SchemeNamePort(String scheme, String name, String port) {

    private static final Set<String> SCHEMES = Set.of("", "http", "https");

    /** @param what {@code pod}, {@code service} or {@code node}, for the 400's message */
    public static SchemeNamePort parse(String id, String what) {
        String[] parts = id.split(":", -1);
        SchemeNamePort parsed = switch (parts.length) {
            case 1 -> new SchemeNamePort("", parts[0], "");
            case 2 -> new SchemeNamePort("", parts[0], parts[1]);
            case 3 -> new SchemeNamePort(parts[0], parts[1], parts[2]);
            default -> null;
        };
        if (parsed == null || parsed.name().isEmpty() || !SCHEMES.contains(parsed.scheme())) {
            throw Statuses.badRequest("invalid " + what + " request \"" + id + "\"");
        }
        return parsed;
    }

    /** The scheme, http when none was given. */
    public String schemeOrHttp() {
        return scheme.isEmpty() ? "http" : scheme;
    }
}
