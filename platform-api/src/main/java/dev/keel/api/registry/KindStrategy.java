package dev.keel.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.table.DefaultColumns;
import dev.keel.api.table.TableColumns;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What is particular to one kind when the registry stores it, as a kube-apiserver strategy
 * ({@code pkg/registry/<group>/<kind>/strategy.go}) holds it: scope, the server-set fields of a new object, which
 * half of the object each subresource writes, when the generation moves, how replicas are scaled, the table columns,
 * the selectable fields, and how deletion goes. Validation and defaulting stay admission plugins ({@code dev.keel.api.admission}).
 *
 * <p>A strategy is an immutable value for one resource ({@code group} + {@code resource}, i.e. all its versions),
 * built with {@link #builder(ResourceType)} from the served type: the builder's defaults are what a kind with
 * nothing special gets. Built-in kinds are listed in {@link BuiltinStrategies}; a kind defined at runtime (a
 * CustomResourceDefinition) builds one the same way and registers it with {@link KindStrategies#register}.
 */
public final class KindStrategy {

    private static final TableColumns NAME_AND_AGE = new DefaultColumns();

    private final String group;
    private final String resource;
    private final String kind;
    private final boolean namespaced;
    private final boolean separateStatus;
    private final Consumer<ObjectNode> onCreate;
    private final GenerationRule generation;
    private final Map<String, SubresourceWrite> subresourceWrites;
    private final ScaleAccess scale;
    private final TableColumns columns;
    private final Set<String> selectableFields;
    private final DeletionRule deletion;
    private final boolean returnsDeletedObject;

    private KindStrategy(Builder builder) {
        this.group = builder.group;
        this.resource = builder.resource;
        this.kind = builder.kind;
        this.namespaced = builder.namespaced;
        this.separateStatus = builder.separateStatus;
        this.onCreate = builder.onCreate;
        this.generation = builder.generation;
        this.subresourceWrites = Map.copyOf(builder.subresourceWrites);
        this.scale = builder.scale;
        this.columns = builder.columns;
        this.selectableFields = Set.copyOf(builder.selectableFields);
        this.deletion = builder.deletion;
        this.returnsDeletedObject = builder.returnsDeletedObject;
    }

    /**
     * A builder with the defaults of {@code type}: its scope; a separate status (and a {@link SubresourceWrite#STATUS}
     * write) when it serves {@code status}; {@link BuiltinScale} when it serves {@code scale}; the generation moving
     * with the spec; NAME and AGE columns; {@code metadata.name} and {@code metadata.namespace} selectable.
     */
    public static Builder builder(ResourceType type) {
        return new Builder(type);
    }

    /** The strategy of a kind with nothing special. */
    public static KindStrategy defaults(ResourceType type) {
        return builder(type).build();
    }

    /** The key strategies are registered under: {@code resource.group}, or {@code resource} for the core group. */
    public static String key(String group, String resource) {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    public String key() {
        return key(group, resource);
    }

    public String group() {
        return group;
    }

    public String resource() {
        return resource;
    }

    public String kind() {
        return kind;
    }

    /** Whether objects live in a namespace. */
    public boolean namespaced() {
        return namespaced;
    }

    /**
     * Whether the status is written only through {@code status}: a create drops the status the client sent (the
     * server sets the initial one) and a write to the main resource keeps the stored status.
     */
    public boolean separateStatus() {
        return separateStatus;
    }

    /** Sets the server-owned fields of a new object after its metadata (the initial status, say). */
    public void prepareForCreate(ObjectNode object) {
        onCreate.accept(object);
    }

    public GenerationRule generation() {
        return generation;
    }

    /** How a write through {@code subresource} is narrowed; empty for the main resource and undeclared ones. */
    public Optional<SubresourceWrite> subresourceWrite(String subresource) {
        return subresource == null ? Optional.empty() : Optional.ofNullable(subresourceWrites.get(subresource));
    }

    /** How {@code scale} reads and writes replicas; empty when the kind cannot be scaled. */
    public Optional<ScaleAccess> scale() {
        return Optional.ofNullable(scale);
    }

    /** The columns of {@code kubectl get}. */
    public TableColumns columns() {
        return columns;
    }

    /** The fields a field selector may name, {@code metadata.name} and {@code metadata.namespace} included. */
    public Set<String> selectableFields() {
        return selectableFields;
    }

    /** Grace period and what else holds an object being deleted. */
    public DeletionRule deletion() {
        return deletion;
    }

    /**
     * Whether a delete that removed the object answers with the object rather than a Status (kube-apiserver's
     * {@code ReturnDeletedObject}, set for pods).
     */
    public boolean returnsDeletedObject() {
        return returnsDeletedObject;
    }

    @Override
    public String toString() {
        return "KindStrategy[" + key() + "]";
    }

    /** Builds a {@link KindStrategy}; every setter replaces the default of the served type. */
    public static final class Builder {

        private final String group;
        private final String resource;
        private final String kind;
        private boolean namespaced;
        private boolean separateStatus;
        private Consumer<ObjectNode> onCreate = object -> {
        };
        private GenerationRule generation = GenerationRule.SPEC_CHANGES;
        private final Map<String, SubresourceWrite> subresourceWrites = new HashMap<>();
        private ScaleAccess scale;
        private TableColumns columns = NAME_AND_AGE;
        private final Set<String> selectableFields = new LinkedHashSet<>(Set.of("metadata.name", "metadata.namespace"));
        private DeletionRule deletion = DeletionRule.IMMEDIATE;
        private boolean returnsDeletedObject;

        private Builder(ResourceType type) {
            this.group = type.group();
            this.resource = type.plural();
            this.kind = type.kind();
            this.namespaced = type.namespaced();
            if (type.hasSubresource("status")) {
                this.separateStatus = true;
                subresourceWrites.put("status", SubresourceWrite.STATUS);
            }
            if (type.hasSubresource("scale")) {
                this.scale = BuiltinScale.INSTANCE;
            }
        }

        public Builder namespaced(boolean namespaced) {
            this.namespaced = namespaced;
            return this;
        }

        public Builder separateStatus(boolean separateStatus) {
            this.separateStatus = separateStatus;
            return this;
        }

        /** The server-set fields of a new object, e.g. {@code status.phase: Pending}. */
        public Builder onCreate(Consumer<ObjectNode> onCreate) {
            this.onCreate = Objects.requireNonNull(onCreate);
            return this;
        }

        public Builder generation(GenerationRule generation) {
            this.generation = Objects.requireNonNull(generation);
            return this;
        }

        /** How writes through {@code subresource} are narrowed (replaces the default {@code status} write too). */
        public Builder subresourceWrite(String subresource, SubresourceWrite write) {
            subresourceWrites.put(subresource, Objects.requireNonNull(write));
            return this;
        }

        /** How {@code scale} reads and writes replicas; null when the kind cannot be scaled. */
        public Builder scale(ScaleAccess scale) {
            this.scale = scale;
            return this;
        }

        public Builder columns(TableColumns columns) {
            this.columns = Objects.requireNonNull(columns);
            return this;
        }

        /** Fields a field selector may name beyond {@code metadata.name} and {@code metadata.namespace}. */
        public Builder selectableFields(Set<String> fields) {
            selectableFields.addAll(fields);
            return this;
        }

        public Builder deletion(DeletionRule deletion) {
            this.deletion = Objects.requireNonNull(deletion);
            return this;
        }

        public Builder returnsDeletedObject(boolean returnsDeletedObject) {
            this.returnsDeletedObject = returnsDeletedObject;
            return this;
        }

        public KindStrategy build() {
            return new KindStrategy(this);
        }
    }
}
