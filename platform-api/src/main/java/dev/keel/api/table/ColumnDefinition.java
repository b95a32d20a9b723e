package dev.keel.api.table;

/** One column of a meta.k8s.io Table; priority 0 is always shown, 1 only with {@code -o wide}. */
public record ColumnDefinition(String name, String type, String format, String description, int priority) {

    public static ColumnDefinition nameColumn() {
        return new ColumnDefinition("Name", "string", "name",
                "Name must be unique within a namespace. Cannot be updated.", 0);
    }

    public static ColumnDefinition ageColumn() {
        return new ColumnDefinition("Age", "string", "",
                "CreationTimestamp is a timestamp representing the server time when this object was created.", 0);
    }

    public static ColumnDefinition string(String name, String description) {
        return new ColumnDefinition(name, "string", "", description, 0);
    }

    public static ColumnDefinition integer(String name, String description) {
        return new ColumnDefinition(name, "integer", "", description, 0);
    }

    public static ColumnDefinition wide(String name, String description) {
        return new ColumnDefinition(name, "string", "", description, 1);
    }
}
