package dev.keel.api.security;

import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The user a request was authenticated as, Kubernetes-style: name, uid (may be empty) and groups. Stored on every
 * request that passes authentication under {@link #ATTRIBUTE}.
 */
public record UserInfo(String name, String uid, List<String> groups) {

    /** Request attribute holding the {@code UserInfo}. */
    public static final String ATTRIBUTE = UserInfo.class.getName();

    /** Group every authenticated user belongs to. */
    public static final String AUTHENTICATED = "system:authenticated";

    /** Who a credential-less request to a public path (health) is. */
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));

    public UserInfo {
        Objects.requireNonNull(name, "name");
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
    }

    /** An authenticated user: {@code groups} plus system:authenticated, as Kubernetes adds it. */
    public static UserInfo authenticated(String name, String uid, Collection<String> groups) {
        List<String> all = new ArrayList<>(groups);
        if (!all.contains(AUTHENTICATED)) {
            all.add(AUTHENTICATED);
        }
        return new UserInfo(name, uid, all);
    }

    /** The user of {@code request}, absent if it did not pass the authentication filter. */
    public static Optional<UserInfo> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof UserInfo user ? Optional.of(user) : Optional.empty();
    }

    public boolean isAnonymous() {
        return this.equals(ANONYMOUS);
    }
}
