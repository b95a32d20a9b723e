package dev.keel.reconciler.namespace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The namespace controller's settings ({@code keel.reconciler.namespaces.*}). */
@ConfigurationProperties("keel.reconciler.namespaces")
public class NamespaceProperties {

    /** How soon a terminating namespace whose content is still going is looked at again. */
    private Duration contentRecheck = Duration.ofSeconds(2);

    public Duration getContentRecheck() {
        return contentRecheck;
    }

    public void setContentRecheck(Duration contentRecheck) {
        this.contentRecheck = contentRecheck;
    }
}
