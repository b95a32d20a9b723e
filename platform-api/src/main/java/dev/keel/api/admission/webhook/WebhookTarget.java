package dev.keel.api.admission.webhook;

import java.net.URI;

/**
 * Where one call goes.
 *
 * @param uri        the address dialled, with kube-apiserver's {@code ?timeout=10s}
 * @param shownUri   the address named in errors ({@code https://svc.ns.svc:443/path?timeout=10s} for a service)
 * @param serverName the name the certificate must carry when {@code uri} is an endpoint IP; null to check the
 *                   URL's own host
 */
record WebhookTarget(URI uri, String shownUri, String serverName) {
}
