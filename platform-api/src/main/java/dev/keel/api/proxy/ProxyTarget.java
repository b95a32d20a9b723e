package dev.keel.api.proxy;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * Where a proxy request goes: the backend's base URI ({@code http://10.244.1.5:8080}), the client that reaches it
 * (node agents need platform-api's client certificate), and a description for messages and logs.
 */
public record ProxyTarget(URI base, HttpClient client, String description) {
}
