package dev.keel.examples.webapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What a WebApp asks for. The CRD's schema defaults {@code replicas} (1) and {@code port} (8080) on write; the
 * operator falls back to the same values when a field is absent anyway (an object stored before the defaults).
 * Unset fields are left out of the JSON: in a server-side apply a null would claim the field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebAppSpec {

    static final int DEFAULT_REPLICAS = 1;
    static final int DEFAULT_PORT = 8080;

    private String image;
    private List<String> command;
    private Integer replicas;
    private Integer port;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    /** The replicas asked for, or the schema's default. */
    int replicasOrDefault() {
        return replicas == null ? DEFAULT_REPLICAS : replicas;
    }

    /** The container port, or the schema's default. */
    int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebAppSpec that && Objects.equals(image, that.image)
                && Objects.equals(command, that.command) && Objects.equals(replicas, that.replicas)
                && Objects.equals(port, that.port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, command, replicas, port);
    }

    @Override
    public String toString() {
        return "WebAppSpec{image=" + image + ", command=" + command + ", replicas=" + replicas + ", port=" + port + "}";
    }
}
