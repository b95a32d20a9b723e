package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The columns {@code kubectl get} prints for one kind, and how to fill them from an object. */
public interface TableColumns {

    /** The kind these columns are for, e.g. {@code Pod}. */
    String kind();

    List<ColumnDefinition> columns();

    /** One cell per column, in order: strings, numbers or booleans. */
    List<Object> cells(JsonNode object, Instant now);
}
