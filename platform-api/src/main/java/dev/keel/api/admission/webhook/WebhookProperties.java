package dev.keel.api.admission.webhook;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Calling admission webhooks ({@code keel.api.admission.webhooks.*}). */
@ConfigurationProperties("keel.api.admission.webhooks")
public class WebhookProperties {

    /**
     * The {@code userInfo.username} sent when a request carries no authenticated user (requests made inside
     * platform-api itself).
     */
    private String serviceUser = "system:keel:platform-api";

    private List<String> serviceGroups = List.of("system:masters", "system:authenticated");

    /** Answers larger than this are a failed call (kube-apiserver reads at most a few MiB too). */
    private int maxResponseBytes = 3 * 1024 * 1024;

    public String getServiceUser() {
        return serviceUser;
    }

    public void setServiceUser(String serviceUser) {
        this.serviceUser = serviceUser;
    }

    public List<String> getServiceGroups() {
        return serviceGroups;
    }

    public void setServiceGroups(List<String> serviceGroups) {
        this.serviceGroups = serviceGroups;
    }

    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }
}
