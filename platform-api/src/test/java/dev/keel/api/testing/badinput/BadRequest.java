package dev.keel.api.testing.badinput;

import java.util.List;

/**
 * One generated request and what Kubernetes answers to it. Paths and bodies may hold the placeholders
 * {@value #NAMESPACE} (the run's namespace), {@value #NAME} (the target object's name) and {@value #UID} (the
 * target object's uid), which the runner fills in.
 *
 * @param index       position in the generated sequence (with the seed, enough to reproduce it)
 * @param family      the kind of malformation, e.g. {@code create/wrong-type}
 * @param kind        the kind the request is about, or null
 * @param method      the HTTP method
 * @param path        path and query
 * @param contentType the Content-Type header, or null for none
 * @param headers     further header name/value pairs
 * @param body        the body, or null for none
 * @param anonymous   sent without credentials
 * @param raw         sent over a plain TLS socket (methods and sizes java.net.http refuses, e.g. CONNECT)
 * @param target      what the request acts on
 * @param objectName  the name of the object a create is about ({@link Target#NEW}), else null
 * @param expectation what kube-apiserver answers
 */
public record BadRequest(int index, String family, String kind, String method, String path, String contentType,
        List<String> headers, String body, boolean anonymous, boolean raw, Target target, String objectName,
        Expectation expectation) {

    public static final String NAMESPACE = "__NS__";
    public static final String NAME = "__NAME__";
    public static final String UID = "__UID__";

    public BadRequest {
        headers = List.copyOf(headers);
    }

    /** A short description for reports: family, method, path and the start of the body. */
    public String describe() {
        String shownPath = path.length() > 160 ? path.substring(0, 160) + "...(" + path.length() + " chars)" : path;
        String shownBody = body == null ? "" : " body " + excerpt(body, 200);
        return "#" + index + " " + family + (kind == null ? "" : " " + kind) + ": " + method + " " + shownPath
                + (contentType == null ? "" : " [" + contentType + "]") + shownBody + " (" + expectation + ")";
    }

    static String excerpt(String text, int max) {
        String flat = text.replace("\n", "\\n");
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < flat.length() && shown.length() < max; i++) {
            char c = flat.charAt(i);
            shown.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return flat.length() > max ? shown + "...(" + text.length() + " chars)" : shown.toString();
    }
}
