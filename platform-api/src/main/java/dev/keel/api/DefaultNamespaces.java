package dev.keel.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.FieldValidation;
import dev.keel.api.registry.ObjectWriter;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.rest.RequestInfo;
import dev.keel.api.rest.WriteOptions;
import dev.keel.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the namespaces every Kubernetes cluster has, when they are missing. */
@Component
public class DefaultNamespaces implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultNamespaces.class);
    private static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ObjectWriter writer;
    private final ResourceRegistry registry;
    private volatile boolean done;

    public DefaultNamespaces(ObjectWriter writer, ResourceRegistry registry) {
        this.writer = writer;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        RequestInfo info = new RequestInfo(registry.find("", "v1", "namespaces").orElseThrow(), null, null, null);
        WriteOptions options = new WriteOptions(false, "keel-platform-api", FieldValidation.STRICT, false);
        for (String name : NAMES) {
            ObjectNode namespace = JsonNodeFactory.instance.objectNode();
            namespace.putObject("metadata").put("name", name);
            try {
                writer.create(info, namespace, options, new ArrayList<>());
                log.info("Created namespace {}", name);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
        done = true;
    }

    /** Whether every default namespace exists: until then the server is not ready, as kube-apiserver is not. */
    public boolean done() {
        return done;
    }
}
