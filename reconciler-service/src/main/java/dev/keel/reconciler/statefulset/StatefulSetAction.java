package dev.keel.reconciler.statefulset;

/** One step of a StatefulSet pass: create or delete the pod with this ordinal. */
public record StatefulSetAction(Type type, int ordinal) {

    public enum Type { CREATE, DELETE }

    public static StatefulSetAction create(int ordinal) {
        return new StatefulSetAction(Type.CREATE, ordinal);
    }

    public static StatefulSetAction delete(int ordinal) {
        return new StatefulSetAction(Type.DELETE, ordinal);
    }
}
