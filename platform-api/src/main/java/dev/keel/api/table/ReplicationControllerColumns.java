package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/** A ReplicaSet's columns (NAME DESIRED CURRENT READY AGE; wide: CONTAINERS IMAGES SELECTOR), its selector a plain map. */
@Component
public class ReplicationControllerColumns extends ReplicaSetColumns {

    @Override
    public String kind() {
        return "ReplicationController";
    }

    @Override
    protected String selector(JsonNode controller) {
        return LabelText.labels(controller.path("spec").path("selector"));
    }
}
