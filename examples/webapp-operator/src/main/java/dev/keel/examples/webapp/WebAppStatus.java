package dev.keel.examples.webapp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator last saw of a WebApp's Deployment: pod counts, the pods' selector (the scale subresource's
 * {@code status.selector}, which an HPA reads), the generation it acted on, and the conditions Available and
 * Progressing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebAppStatus {

    private Integer replicas;
    private Integer readyReplicas;
    private String selector;
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    /** The condition of {@code type}, if the status has one. */
    @JsonIgnore
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebAppStatus that && Objects.equals(replicas, that.replicas)
                && Objects.equals(readyReplicas, that.readyReplicas) && Objects.equals(selector, that.selector)
                && Objects.equals(observedGeneration, that.observedGeneration)
                && Objects.equals(conditions, that.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, readyReplicas, selector, observedGeneration, conditions);
    }

    @Override
    public String toString() {
        return "WebAppStatus{replicas=" + replicas + ", readyReplicas=" + readyReplicas + ", selector=" + selector
                + ", observedGeneration=" + observedGeneration + ", conditions=" + conditions + "}";
    }
}
