package dev.keel.api.admission.defaults;

/** The pull policy Kubernetes picks for an image reference when none is given. */
public final class ImagePullPolicies {

    private ImagePullPolicies() {
    }

    /** {@code Always} for the {@code latest} tag or no tag at all (unless pinned by digest), else {@code IfNotPresent}. */
    public static String forImage(String image) {
        return "latest".equals(tag(image == null ? "" : image)) ? "Always" : "IfNotPresent";
    }

    /** The tag of an image reference; "latest" when it has neither tag nor digest, "" when only a digest. */
    static String tag(String image) {
        String name = image;
        boolean digest = false;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = true;
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        // A colon before the last slash belongs to a registry host:port, not to a tag.
        if (colon > slash) {
            return name.substring(colon + 1);
        }
        return digest ? "" : "latest";
    }
}
